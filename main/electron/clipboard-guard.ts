import { createHash } from 'node:crypto';
import type { Clock } from '../core/domain/clock';

/** The system clipboard as the guard needs it (Electron's clipboard, or a stand-in in tests). */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}

/**
 * Copies a token and wipes it again after a while, but only if the clipboard
 * still holds that token: whatever the person copied since is left alone. The
 * guard keeps a digest of the token, not the token, while it waits.
 */
export class ClipboardGuard {
  private readonly waiting = new Set<string>();

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly clock: Clock,
  ) {}

  async copy(token: string, clearAfterSeconds: number): Promise<void> {
    await this.clipboard.writeText(token);
    const copied = digest(token);
    this.waiting.add(copied);
    this.clock.setTimeout(() => {
      this.waiting.delete(copied);
      void this.clearIfStill(copied);
    }, clearAfterSeconds * 1000);
  }

  /** On quit: a token copied from TokenTray must not outlive it on the clipboard. */
  async clearNow(): Promise<void> {
    const copies = [...this.waiting];
    this.waiting.clear();
    for (const copied of copies) await this.clearIfStill(copied);
  }

  private async clearIfStill(copied: string): Promise<void> {
    let current: string;
    try {
      current = await this.clipboard.readText();
    } catch {
      // Unreadable (another app holds it in a format without text): not our token.
      return;
    }
    if (digest(current) === copied) this.clipboard.clear();
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
