/**
 * A bearer-token API client for e2e setup steps (creating apps, forms, users, and changing
 * records behind the browser's back). Throws with the answer on any non-2xx status.
 */
export interface E2eApi {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export function e2eUrl(): string {
  const url = process.env.FORMLOOM_E2E_URL;
  if (!url) throw new Error('FORMLOOM_E2E_URL is not set: run through test/e2e/playwright.config.ts');
  return url;
}

export async function signIn(username: string, password: string): Promise<E2eApi> {
  const base = e2eUrl();
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const answer = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await answer.text();
      if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
      return (text === '' ? {} : JSON.parse(text)) as T;
    },
  };
}
