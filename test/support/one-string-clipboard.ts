import type { ClipboardPort } from '../../main/electron/clipboard-guard';

/** The system clipboard stands in as one string: Electron's is not available in Node. */
export class OneStringClipboard implements ClipboardPort {
  text = '';
  /** How many times it was cleared. */
  clears = 0;
  async readText() {
    return this.text;
  }
  async writeText(text: string) {
    this.text = text;
  }
  clear() {
    this.text = '';
    this.clears += 1;
  }
}
