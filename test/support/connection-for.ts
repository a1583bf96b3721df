import type { ConnectionInput, ConnectionSecrets } from '../../main/core/domain';
import type { Provisioned } from '../simulator/simulator';

/** The connection form as a person would fill it in for an account the simulator provisioned. */
export function connectionFor(
  provisioned: Provisioned,
  partnerId: string,
  overrides: Partial<ConnectionInput> = {},
): { input: ConnectionInput; secrets: ConnectionSecrets } {
  const dialect = provisioned.dialect;
  const baseSettings = {
    clientId: provisioned.clientId,
    partnerIdHeader: provisioned.partnerIdHeader,
    apiVersion: provisioned.apiVersion,
    authMethod: 'basic' as const,
    bodyShape: 'flat' as const,
  };
  const input: ConnectionInput = {
    partnerId,
    label: `${dialect} connection`,
    dialect,
    endpoint: dialect === 'manual' ? '' : provisioned.endpoint,
    settings: baseSettings,
    verifyUrl: provisioned.verifyUrl,
    revocationUrl: provisioned.revocationUrl,
    ...overrides,
  };
  if (overrides.settings) input.settings = { ...baseSettings, ...overrides.settings };
  const secrets: ConnectionSecrets =
    dialect === 'manual'
      ? { partnerToken: provisioned.accessToken, tokenExpiresAt: provisioned.expiresAt }
      : {
          clientSecret: provisioned.clientSecret,
          refreshToken: provisioned.refreshToken,
          accessToken: provisioned.accessToken,
          tokenExpiresAt: provisioned.expiresAt,
        };
  return { input, secrets };
}
