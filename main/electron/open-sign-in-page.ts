import { shell } from 'electron';
import { TokenTrayError } from '../core/domain/errors';
import { checkEndpointUrl } from '../core/dialects/endpoint-security';

/**
 * Opens a partner's authorization page in the system browser (RFC 8252 §4.1: never an embedded
 * view). Only an address that passes the endpoint rule (https, or http on this computer) is opened.
 */
export async function openSignInPage(url: string): Promise<void> {
  const checked = checkEndpointUrl(url);
  if (!checked.ok) throw new TokenTrayError('sign_in_unavailable', checked.message);
  await shell.openExternal(checked.url.href);
}
