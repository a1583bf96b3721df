import type { EpochMs } from '../../main/core/domain';
import { DEFAULT_SETTINGS } from '../../main/core/domain/settings';
import type { ViewContext } from '../../main/core/view/view-sources';

/** A profile with nothing wrong at `now` (renewals on, the keychain there, saving works, secrets open), then what a test names. */
export function viewContextAt(now: EpochMs, overrides: Partial<ViewContext> = {}): ViewContext {
  return {
    now,
    renewalsPaused: false,
    keychainAvailable: true,
    storage: { ok: true },
    previousStop: null,
    secretsLock: null,
    settings: DEFAULT_SETTINGS,
    ...overrides,
  };
}
