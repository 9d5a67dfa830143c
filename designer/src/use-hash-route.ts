import { useEffect, useState } from 'react';

/** Where the designer is: the app list, one app's forms or flows, one form in the designer, or one flow in the flow editor. */
export type Route =
  | { page: 'apps' }
  | { page: 'app'; appId: string; tab?: 'forms' | 'flows' }
  | { page: 'form'; formId: string }
  | { page: 'flow'; flowId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'apps' && parts[1])
    return parts[2] === 'flows' ? { page: 'app', appId: parts[1], tab: 'flows' } : { page: 'app', appId: parts[1] };
  if (parts[0] === 'forms' && parts[1]) return { page: 'form', formId: parts[1] };
  if (parts[0] === 'flows' && parts[1]) return { page: 'flow', flowId: parts[1] };
  return { page: 'apps' };
}

export function hrefOf(route: Route): string {
  if (route.page === 'app') return `#/apps/${encodeURIComponent(route.appId)}${route.tab === 'flows' ? '/flows' : ''}`;
  if (route.page === 'form') return `#/forms/${encodeURIComponent(route.formId)}`;
  if (route.page === 'flow') return `#/flows/${encodeURIComponent(route.flowId)}`;
  return '#/';
}

/** Hash routing, so the server only has to serve index.html at /designer/. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (next) => (location.hash = hrefOf(next))];
}
