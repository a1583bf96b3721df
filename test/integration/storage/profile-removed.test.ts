import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../main/core/app';
import { TokenTrayCore } from '../../../main/core/app';
import type { TokenTrayError } from '../../../main/core/domain';
import { openConfStore } from '../../../main/core/store/conf-store';
import { acquireProfileLock } from '../../../main/core/store/profile-lock';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

let harness: CoreHarness | undefined;

afterEach(async () => {
  await harness?.close().catch(() => undefined);
  harness = undefined;
});

describe('the profile folder removed while TokenTray runs', () => {
  it('tells the window why before the core stops, writes the data back, and the next start explains what happened', async () => {
    harness = await startCoreHarness();
    const { core, directory } = harness;
    core.admin.addPartner({ name: 'Kept through the removal', contactEmail: '' });
    await core.saved();
    const events: CoreEvent[] = [];
    core.subscribe((event) => events.push(event));
    let lockLost!: (error: TokenTrayError) => void;
    const lost = new Promise<TokenTrayError>((resolve) => (lockLost = resolve));
    // As the hosts do: the lock's loss stops the core.
    await acquireProfileLock(directory, { onCompromised: lockLost });

    rmSync(directory, { recursive: true, force: true });
    await core.halt(await lost);

    const stopping = events.find((event) => event.type === 'stopping');
    expect(stopping?.note.message).toBe(
      `TokenTray's profile folder ${directory} was removed while it ran, so TokenTray stopped.`,
    );
    const next = new TokenTrayCore({ store: openConfStore({ directory }), keychain: harness.keychain });
    expect(next.snapshot().previousStop).toMatchObject({ message: stopping?.note.message });
    expect(next.snapshot().partners.map((p) => p.name)).toEqual(['Kept through the removal']);
    await next.stop();
    const after = new TokenTrayCore({ store: openConfStore({ directory }), keychain: harness.keychain });
    expect(after.snapshot().previousStop).toBeNull();
    await after.stop();
  });
});
