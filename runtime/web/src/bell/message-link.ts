import { matchRoute } from '../router/routes';

/**
 * The in-app path of a notification's link. The notifier makes links absolute with the server's
 * PUBLIC_URL (for e-mail), which may name another host than the one the browser uses; the path
 * is ours either way. Only paths of the player's own screens are followed (nothing else, so a
 * message can never send the user off-site).
 */
export function messagePath(link: string | null): string | null {
  if (link === null || link === '') return null;
  let url: URL;
  try {
    url = new URL(link, 'http://player.invalid');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const route = matchRoute(url.pathname);
  if (route.name === 'notFound' || route.name === 'login' || route.name === 'public') return null;
  return `${url.pathname}${url.search}`;
}
