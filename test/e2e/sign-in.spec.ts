import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SIGN_IN_CLIENT, startOidcServer } from '../support/oidc-server';
import { expect, test } from './fixtures';
import { ISSUED_SECRETS_DIR } from './support/run-files';
import { connectionRow, details, dialog, fillConnectionForm } from './support/window';

/** What a person does in the tab that opened: oidc-provider's login page, then its consent page. */
async function signInInTab(tab: Page, login: string): Promise<void> {
  const loginField = tab.locator('input[name="login"]');
  const consent = tab.getByRole('button', { name: 'Continue' });
  const done = tab.getByRole('heading', { name: 'Signed in' });
  for (let step = 0; step < 4; step++) {
    await expect(loginField.or(consent).or(done)).toBeVisible({ timeout: 10_000 });
    if (await done.isVisible()) break;
    const before = tab.url();
    if (await loginField.isVisible()) {
      await loginField.fill(login);
      await tab.locator('input[name="password"]').fill('any password');
      await tab.locator('button[type="submit"]').click();
    } else {
      await consent.click();
    }
    await tab.waitForURL((url) => url.href !== before);
  }
  await expect(done).toBeVisible();
  await expect(tab.getByText('You can close this tab and return to TokenTray.')).toBeVisible();
}

test('sign in from the window, see the account; after the partner revokes the grant, Sign in again heals it', async ({
  app: page,
  api,
}) => {
  test.setTimeout(60_000);
  // Tokens live twenty seconds and renew at half of that (renewals are at least ten seconds apart, so a
  // shorter token could not be kept alive and would rightly show as at risk): the refusal comes within seconds.
  const oidc = await startOidcServer({ accessTokenTtl: 20 });
  try {
    await api('addPartner', { name: 'Globex Identity', contactEmail: 'api@globex.example' });
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = dialog(page, 'Add connection');
    await fillConnectionForm(form, { Label: 'Globex account', Preset: 'oauth2', 'Issuer URL': oidc.issuer });
    await form.getByRole('button', { name: 'Discover' }).click();
    await expect(form.getByLabel('Endpoint', { exact: true })).toHaveValue(`${oidc.issuer}/token`);
    await form.getByRole('radio', { name: 'Sign in in the browser' }).check();
    await expect(form.getByLabel('Refresh token', { exact: true })).toBeHidden();
    await expect(form.getByLabel('Authorization URL', { exact: true })).toHaveValue(`${oidc.issuer}/auth`);
    await fillConnectionForm(form, {
      'Client ID': SIGN_IN_CLIENT.clientId,
      'Client secret': SIGN_IN_CLIENT.clientSecret,
      Scope: 'openid email',
    });
    await form.getByText('Advanced', { exact: true }).click();
    await fillConnectionForm(form, {
      'Renew at (% of lifetime)': '50',
      'Lead time (minutes)': '0',
      'Jitter (seconds)': '0',
    });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form).toBeHidden();

    const row = connectionRow(page, 'Globex account');
    const panel = details(page);
    await row.click();
    // Never signed in: the steps are the first sign-in, not the verify, revoke and re-add path.
    await expect(row).toContainText('Needs action');
    await expect(panel).toContainText('Nobody has signed in for this connection yet');
    await expect(panel.getByRole('button', { name: 'Revoke all tokens' })).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Enter credentials' })).toBeVisible();
    const firstTab = page.context().waitForEvent('page');
    await panel.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInInTab(await firstTab, 'alice');
    await expect(panel).toContainText('Signed in as alice@partner.example.');
    await expect(row).toContainText('Healthy');
    await expect(panel.getByText('alice@partner.example', { exact: true })).toBeVisible();

    await oidc.revokeAllGrants();
    await expect(row).toContainText('Needs action', { timeout: 20_000 });
    await expect(panel).toContainText('Renewing again would only send the refused token again');
    await expect(panel.getByRole('button', { name: 'Renew now' })).not.toHaveClass(/button--primary/);

    const secondTab = page.context().waitForEvent('page');
    await panel.getByRole('button', { name: 'Sign in again' }).click();
    await signInInTab(await secondTab, 'alice');
    await expect(row).toContainText('Healthy');
    await expect(panel.getByRole('heading', { name: 'What to do' })).toBeHidden();

    await panel.getByRole('button', { name: 'History' }).click();
    const history = dialog(page, 'History of Globex account');
    await expect(history.getByRole('cell', { name: 'Signed in', exact: true })).toHaveCount(2);
  } finally {
    await oidc.close();
    // Codes, PKCE verifiers, tokens and ID tokens: the secret scan searches every artifact for them.
    await mkdir(ISSUED_SECRETS_DIR, { recursive: true });
    await writeFile(
      join(ISSUED_SECRETS_DIR, `oidc-${randomUUID()}.txt`),
      [...oidc.issuedSecrets(), SIGN_IN_CLIENT.clientSecret].join('\n') + '\n',
    );
  }
});
