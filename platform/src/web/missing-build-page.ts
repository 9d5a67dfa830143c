/** The page served in place of a web app whose build output is missing. Static text only. */
export function missingBuildPage(name: 'web' | 'designer' | string): string {
  const pkg = name === 'designer' ? '@formloom/designer' : '@formloom/web';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Formloom: ${name} not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The ${name} app is not built yet</h1>
<p>Run <code>pnpm build</code> (or <code>pnpm --filter ${pkg} build</code>) and restart the server.</p>
<p>尚未构建此 Web 应用：请运行 <code>pnpm build</code> 后重启服务。</p>
<p>The API is available at <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;
}
