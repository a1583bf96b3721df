/**
 * What a person does in the browser on oidc-provider's development pages, over plain HTTP:
 * follows redirects with the server's cookies, signs in with any login name, then allows or
 * denies on the consent page. Stops at the redirect back to the app and returns its URL,
 * without visiting it, so a test can deliver it as it is, twice, late or altered.
 */
export async function passSignInPages(
  authorizationUrl: string,
  options: { login?: string; consent?: 'allow' | 'deny' } = {},
): Promise<URL> {
  const issuer = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(form && { body: form.toString() }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    form = undefined;
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== issuer) return next;
      url = next.href;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`The authorization server answered ${response.status}`);
    if (/name="prompt" value="login"/.test(page)) {
      form = new URLSearchParams({ prompt: 'login', login: options.login ?? 'alice', password: 'any' });
    } else if (/name="prompt" value="consent"/.test(page)) {
      if (options.consent === 'deny') {
        url = `${url.replace(/\/$/, '')}/abort`;
        continue;
      }
      form = new URLSearchParams({ prompt: 'consent' });
    } else {
      throw new Error('The authorization server showed a page this helper does not know');
    }
  }
  throw new Error('The sign-in pages did not lead back to the app');
}
