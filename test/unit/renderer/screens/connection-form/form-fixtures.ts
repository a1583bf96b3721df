import { DEFAULT_SETTINGS } from '../../../../../main/core/domain/settings';
import type { PresetInfo } from '../../../../../renderer/api/types';
import type { ConnectionFormState } from '../../../../../renderer/screens/connection-form/connection-form-model';
import { connectionFormState } from '../../../../../renderer/screens/connection-form/connection-form-model';

/** The OAuth 2.0 preset as the host describes it to the form. */
export const OAUTH2_PRESET: PresetInfo = {
  dialect: 'oauth2',
  title: 'OAuth 2.0',
  summary: '',
  requiredSettings: ['clientId'],
  requiredSecrets: ['refreshToken', 'clientSecret'],
};

/** A new connection's form for partner p1, its renewal policy the default settings'. */
export function newConnectionForm(): ConnectionFormState {
  return connectionFormState({ partnerId: 'p1', defaults: DEFAULT_SETTINGS });
}
