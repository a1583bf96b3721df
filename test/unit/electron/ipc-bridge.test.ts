import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiErrorBody, TokenTrayBridge } from '../../../main/core/api/api-contract';
import { API_METHODS, channelOf, EVENT_CHANNEL } from '../../../main/core/api/api-methods';
import type { IpcRendererLike } from '../../../preload/ipc-bridge';
import { createIpcBridge } from '../../../preload/ipc-bridge';
import { createCoreApi } from '../../../main/core/api/core-api';
import { createDispatcher, toApiEvent } from '../../../main/core/api/dispatch';
import { ClipboardGuard } from '../../../main/electron/clipboard-guard';
import type { SenderFacts } from '../../../main/electron/ipc-reply';
import { FORBIDDEN_SENDER, ipcReplyFor } from '../../../main/electron/ipc-reply';
import { APP_ENTRY_URL } from '../../../main/electron/app-origin';
import { systemClock } from '../../../main/core/domain/clock';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { OneStringClipboard } from '../../support/one-string-clipboard';

const OUR_PAGE: SenderFacts = { fromOurWindow: true, fromMainFrame: true, frameUrl: APP_ENTRY_URL };

/**
 * Electron's IPC carried in-process: arguments and answers are structured-cloned
 * as IPC clones them, handlers are the shell's own ipcReplyFor over the real
 * dispatcher, core, keychain and simulator. Only Electron's transport is absent.
 */
class InProcessIpc implements IpcRendererLike {
  private readonly listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  sender: SenderFacts = OUR_PAGE;

  constructor(
    private readonly handle: (channel: string, args: unknown[], sender: SenderFacts) => Promise<unknown>,
  ) {}

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return structuredClone(await this.handle(channel, structuredClone(args), this.sender));
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
  }
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void {
    this.listeners.get(channel)?.delete(listener);
  }
  /** What main's sendEvent does. */
  send(channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? [])
      listener({ sender: 'main' }, structuredClone(payload));
  }
}

describe('the preload bridge over IPC', () => {
  let harness: CoreHarness;
  let ipc: InProcessIpc;
  let bridge: TokenTrayBridge;
  let clipboard: OneStringClipboard;

  beforeEach(async () => {
    harness = await startCoreHarness();
    clipboard = new OneStringClipboard();
    const guard = new ClipboardGuard(clipboard, systemClock);
    const api = createCoreApi(harness.core, {
      kind: 'electron',
      copyToClipboard: (token, seconds) => guard.copy(token, seconds),
    });
    const dispatch = createDispatcher(api);
    const byChannel = new Map(API_METHODS.map((method) => [channelOf(method), method]));
    ipc = new InProcessIpc((channel, args, sender) =>
      ipcReplyFor(dispatch, byChannel.get(channel)!, args, sender),
    );
    harness.core.subscribe((event) => ipc.send(EVENT_CHANNEL, toApiEvent(event)));
    bridge = createIpcBridge(ipc);
  });

  afterEach(async () => {
    await harness.close();
  });

  it('offers every method of the contract and the event stream, nothing else', () => {
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'onEvent'].sort());
  });

  it('adds a partner and shows it in the next snapshot', async () => {
    const partner = await bridge.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
    const snapshot = await bridge.getSnapshot();
    expect(snapshot.partners.map((p) => [p.id, p.name])).toEqual([[partner.id, 'Acme']]);
  });

  it('rejects bad input with the field errors the form shows, and stores nothing', async () => {
    const failure = (await bridge.addPartner({ name: '', contactEmail: 'not-an-address' }).then(
      () => null,
      (error: unknown) => error,
    )) as ApiErrorBody | null;
    // A plain object, because contextBridge copies an Error with its message only.
    expect(failure).toMatchObject({ code: 'invalid_input' });
    expect(Object.keys(failure?.fieldErrors ?? {}).sort()).toEqual(['contactEmail', 'name']);
    expect((await bridge.getSnapshot()).partners).toEqual([]);
  });

  it('refuses a call that does not come from the app page in our window, and does nothing', async () => {
    const partner = await bridge.addPartner({ name: 'Acme' });
    for (const sender of [
      { ...OUR_PAGE, fromOurWindow: false },
      { ...OUR_PAGE, fromMainFrame: false },
      { ...OUR_PAGE, frameUrl: 'https://evil.example/' },
      { ...OUR_PAGE, frameUrl: null },
    ]) {
      ipc.sender = sender;
      await expect(bridge.removePartner(partner.id)).rejects.toEqual(FORBIDDEN_SENDER);
    }
    ipc.sender = OUR_PAGE;
    expect((await bridge.getSnapshot()).partners).toHaveLength(1);
  });

  it('copies a token in main: the clipboard has it, the window never gets it', async () => {
    const { connection, provisioned } = await harness.connect('oauth2');
    const result = await bridge.copyToken(connection.id);
    expect(result).not.toHaveProperty('token');
    expect(result.clearAfterSeconds).toBe(30);
    expect(clipboard.text === provisioned.accessToken).toBe(true);
  });

  it('streams state changes to the window until it unsubscribes', async () => {
    const events: ApiEvent[] = [];
    const unsubscribe = bridge.onEvent((event) => events.push(event));
    await bridge.updateSettings({ theme: 'dark' });
    expect(events).toContainEqual({ type: 'changed', connectionIds: [] });
    unsubscribe();
    const seen = events.length;
    await bridge.updateSettings({ theme: 'light' });
    expect(events).toHaveLength(seen);
  });

  it('answers an unreadable reply with an error body instead of crashing the page', async () => {
    const broken = createIpcBridge({
      invoke: async () => 'not a reply',
      on: () => undefined,
      removeListener: () => undefined,
    });
    await expect(broken.getSnapshot()).rejects.toMatchObject({ code: 'unexpected' });
  });
});
