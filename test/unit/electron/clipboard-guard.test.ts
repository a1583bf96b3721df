import { describe, expect, it } from 'vitest';
import { ClipboardGuard } from '../../../main/electron/clipboard-guard';
import { FakeClock } from '../../support/fake-clock';
import { OneStringClipboard } from '../../support/one-string-clipboard';

const TOKEN = 'tok-A-not-a-real-secret';

function setUp() {
  const clipboard = new OneStringClipboard();
  const clock = new FakeClock();
  return { clipboard, clock, guard: new ClipboardGuard(clipboard, clock) };
}

describe('copying a token', () => {
  it('puts the token on the clipboard and wipes it after the set time, not before', async () => {
    const { clipboard, clock, guard } = setUp();
    await guard.copy(TOKEN, 30);
    expect(clipboard.text === TOKEN).toBe(true);
    await clock.advanceAsync(29_999);
    expect(clipboard.text === TOKEN).toBe(true);
    await clock.advanceAsync(1);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the person copied something else meanwhile', async () => {
    const { clipboard, clock, guard } = setUp();
    await guard.copy(TOKEN, 30);
    clipboard.text = 'a note the person copied';
    await clock.advanceAsync(30_000);
    expect(clipboard.text).toBe('a note the person copied');
    expect(clipboard.clears).toBe(0);
  });

  it('does not let an earlier copy wipe a token copied after it', async () => {
    const { clipboard, clock, guard } = setUp();
    await guard.copy(TOKEN, 30);
    await clock.advanceAsync(20_000);
    await guard.copy('tok-B-not-a-real-secret', 30);
    await clock.advanceAsync(10_000);
    expect(clipboard.text === 'tok-B-not-a-real-secret').toBe(true);
    await clock.advanceAsync(20_000);
    expect(clipboard.text).toBe('');
  });

  it('wipes a copied token on quit, but not what the person copied since', async () => {
    const first = setUp();
    await first.guard.copy(TOKEN, 300);
    await first.guard.clearNow();
    expect(first.clipboard.text).toBe('');

    const second = setUp();
    await second.guard.copy(TOKEN, 300);
    second.clipboard.text = 'their own text';
    await second.guard.clearNow();
    expect(second.clipboard.text).toBe('their own text');
  });
});
