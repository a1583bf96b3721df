/** The page the browser shows after the sign-in: no script, no outside resources, nothing from the request. */
export function callbackPage(heading: string, detail: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>TokenTray</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body><main><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(detail)}</p></main></body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
