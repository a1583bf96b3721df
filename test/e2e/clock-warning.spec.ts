import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSimulator } from '../simulator/simulator';
import { connectionFor } from '../support/connection-for';
import { expect, test } from './fixtures';
import { connectionRow, details } from './support/window';
import { ISSUED_SECRETS_DIR } from './support/run-files';

const HOUR = 3_600_000;

test("a partner three hours behind: the window says this computer's clock looks wrong, and a refresh token dead by this clock gets clock guidance, not revoke", async ({
  app: page,
  api,
}) => {
  // A partner of its own whose clock is three hours behind this computer's; it records what it issues for the secret scan.
  await mkdir(ISSUED_SECRETS_DIR, { recursive: true });
  const partnerClock = await startSimulator({
    now: () => Date.now() - 3 * HOUR,
    recordSecretsTo: join(ISSUED_SECRETS_DIR, `${randomUUID()}.txt`),
  });
  try {
    // A refresh token that lives two seconds: by the next renewal, ten seconds on, it is over.
    const account = partnerClock.provision('oauth2', { refreshLifetimeSec: 2, sendRefreshExpiresIn: true });
    const partner = await api('addPartner', { name: 'Umbrella Parts' });
    const { input, secrets } = connectionFor(account, partner.id, { label: 'Parts API' });
    const connection = await api('addConnection', input, secrets);
    expect((await api('renewNow', connection.id)).kind).toBe('renewed');

    await expect(page.getByText("This computer's clock looks wrong")).toBeVisible();
    await expect(page.getByText(/clock is 3 hours ahead of the partners' clocks/)).toBeVisible();

    const row = connectionRow(page, 'Parts API');
    await row.click();
    const panel = details(page);
    await expect(row).toContainText('Needs action', { timeout: 20_000 });
    await expect(panel.locator('.guidance-message')).toContainText(
      /by this computer's clock the refresh token has expired/i,
    );
    await expect(panel.getByText("Check this computer's clock")).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Enter new credentials' })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Revoke all tokens' })).toHaveCount(0);
    await expect(panel.getByText(/3 hours ahead of this partner's/)).toBeVisible();
  } finally {
    await partnerClock.close();
  }
});
