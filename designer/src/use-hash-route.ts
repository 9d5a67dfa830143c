import { useEffect, useState } from 'react';

/** Where the designer is: the app list, one app's forms, or one form in the designer. */
export type Route = { page: 'apps' } | { page: 'app'; appId: string } | { page: 'form'; formId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'apps' && parts[1]) return { page: 'app', appId: parts[1] };
  if (parts[0] === 'forms' && parts[1]) return { page: 'form', formId: parts[1] };
  return { page: 'apps' };
}

export function hrefOf(route: Route): string {
  if (route.page === 'app') return `#/apps/${encodeURIComponent(route.appId)}`;
  if (route.page === 'form') return `#/forms/${encodeURIComponent(route.formId)}`;
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
