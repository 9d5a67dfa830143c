/**
 * The player's screens and their paths. `matchRoute` turns a pathname into a Route.
 *   /login
 *   /                                   home: the user's apps
 *   /apps/:appId                        an app, its forms on the left
 *   /apps/:appId/forms/:formId          a form: fill in (tab) and data (tab)
 *   /apps/:appId/forms/:formId/data     the form's data table (`?filter=` keeps the applied filter)
 *   /apps/:appId/forms/:formId/bin      the form's recycle bin
 *   /apps/:appId/forms/:formId/records/:recordId   one record
 *   /public/:token                      a form's public link: anonymous filling, no sign-in
 *   /inbox[/:box]                       flow inbox: todo (default), done, initiated, cc
 *   /tasks/:taskId                      one flow task (ids contain ':'; the notifier links here)
 *   /flows/instances/:instanceId        one flow instance: timeline and diagram
 *   /admin/outbox                       admins: the e-mail outbox
 *   /admin/flows                        admins and app managers: failed and stuck flow instances
 *   /admin/webhooks                     admins and app managers: a flow's webhook deliveries and secret (`?app=&flow=&tab=`)
 */
export type Route =
  | { name: 'login' }
  | { name: 'home' }
  | { name: 'app'; appId: string }
  | { name: 'form'; appId: string; formId: string; tab: FormTab }
  | { name: 'record'; appId: string; formId: string; recordId: string }
  | { name: 'public'; token: string }
  | { name: 'inbox'; box: InboxBox }
  | { name: 'task'; taskId: string }
  | { name: 'instance'; instanceId: string }
  | { name: 'adminOutbox' }
  | { name: 'adminFlows' }
  | { name: 'adminWebhooks' }
  | { name: 'notFound' };

export type FormTab = 'fill' | 'data' | 'bin';
export type InboxBox = 'todo' | 'done' | 'initiated' | 'cc';
const BOXES: readonly string[] = ['todo', 'done', 'initiated', 'cc'];

export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts.length === 1 && parts[0] === 'login') return { name: 'login' };
  if (parts.length === 2 && parts[0] === 'public') return { name: 'public', token: parts[1] };
  if (parts[0] === 'inbox' && parts.length === 1) return { name: 'inbox', box: 'todo' };
  if (parts[0] === 'inbox' && parts.length === 2 && BOXES.includes(parts[1]))
    return { name: 'inbox', box: parts[1] as InboxBox };
  if (parts[0] === 'tasks' && parts.length === 2) return { name: 'task', taskId: parts[1] };
  if (parts[0] === 'flows' && parts[1] === 'instances' && parts.length === 3)
    return { name: 'instance', instanceId: parts[2] };
  if (parts[0] === 'admin' && parts.length === 2 && parts[1] === 'outbox') return { name: 'adminOutbox' };
  if (parts[0] === 'admin' && parts.length === 2 && parts[1] === 'flows') return { name: 'adminFlows' };
  if (parts[0] === 'admin' && parts.length === 2 && parts[1] === 'webhooks') return { name: 'adminWebhooks' };
  if (parts[0] !== 'apps' || parts.length < 2) return { name: 'notFound' };
  const appId = parts[1];
  if (parts.length === 2) return { name: 'app', appId };
  if (parts[2] !== 'forms' || parts.length < 4) return { name: 'notFound' };
  const formId = parts[3];
  if (parts.length === 4) return { name: 'form', appId, formId, tab: 'fill' };
  if (parts.length === 5 && parts[4] === 'data') return { name: 'form', appId, formId, tab: 'data' };
  if (parts.length === 5 && parts[4] === 'bin') return { name: 'form', appId, formId, tab: 'bin' };
  if (parts.length === 6 && parts[4] === 'records') return { name: 'record', appId, formId, recordId: parts[5] };
  return { name: 'notFound' };
}

const enc = encodeURIComponent;
export const paths = {
  home: () => '/',
  login: () => '/login',
  app: (appId: string) => `/apps/${enc(appId)}`,
  form: (appId: string, formId: string) => `/apps/${enc(appId)}/forms/${enc(formId)}`,
  data: (appId: string, formId: string) => `/apps/${enc(appId)}/forms/${enc(formId)}/data`,
  bin: (appId: string, formId: string) => `/apps/${enc(appId)}/forms/${enc(formId)}/bin`,
  record: (appId: string, formId: string, recordId: string) =>
    `/apps/${enc(appId)}/forms/${enc(formId)}/records/${enc(recordId)}`,
  publicForm: (token: string) => `/public/${enc(token)}`,
  inbox: (box: InboxBox = 'todo') => (box === 'todo' ? '/inbox' : `/inbox/${box}`),
  task: (taskId: string) => `/tasks/${enc(taskId)}`,
  instance: (instanceId: string) => `/flows/instances/${enc(instanceId)}`,
  adminOutbox: () => '/admin/outbox',
  adminFlows: () => '/admin/flows',
  adminWebhooks: () => '/admin/webhooks',
};
