import type { TokenTrayCore } from '../../../main/core/app';
import type { ConnectionId } from '../../../main/core/domain';
import type { ConnectionView } from '../../../main/core/view/snapshot';
import type { CoreHarness } from '../../support/core-harness';

/** One connection as the window shows it. */
export function viewOf(core: TokenTrayCore, id: ConnectionId): ConnectionView {
  for (const partner of core.snapshot().partners) {
    const view = partner.connections.find((c) => c.id === id);
    if (view) return view;
  }
  throw new Error(`connection ${id} is not in the snapshot`);
}

/** What a renewal may change: the connection's keychain entries and its token metadata. */
export interface StoredState {
  secrets: {
    access: string | null;
    refresh: string | null;
    client: string | null;
    previousRefresh: string | null;
  };
  tokens: unknown;
}

export async function storedState(harness: CoreHarness, id: ConnectionId): Promise<StoredState> {
  const { vault } = harness;
  const view = viewOf(harness.core, id);
  const [access, refresh, client, previousRefresh] = await Promise.all([
    vault.get(id, 'accessToken'),
    vault.get(id, 'refreshToken'),
    vault.get(id, 'clientSecret'),
    vault.get(id, 'previousRefreshToken'),
  ]);
  return {
    secrets: { access, refresh, client, previousRefresh },
    tokens: { current: view.token, previous: view.previousTokens },
  };
}

/** Every text about the connection a person can read: its error, follow-up and history. */
export function shownTexts(core: TokenTrayCore, id: ConnectionId): string {
  const view = viewOf(core, id);
  const history = core.history({ connectionId: id }).map((entry) => entry.message ?? '');
  return [
    view.lastError ?? '',
    view.followUp?.message ?? '',
    ...(view.followUp?.guidance ?? []),
    ...history,
  ].join('\n');
}
