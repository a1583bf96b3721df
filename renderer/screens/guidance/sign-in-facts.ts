import { REFUSED_CREDENTIAL_REASONS } from '../../../main/core/domain/guidance';
import type { ConnectionView } from '../../api/types';

/** An oauth2 connection that knows where to sign in. */
export function canSignIn(connection: ConnectionView): boolean {
  return connection.dialect === 'oauth2' && Boolean(connection.settings.authorizationUrl);
}

/** Needs action because the partner refused the stored credentials: only new ones help. */
export function credentialsRefused(connection: ConnectionView): boolean {
  const reason = connection.followUp?.reason;
  return (
    connection.status === 'needsAction' &&
    reason !== undefined &&
    (REFUSED_CREDENTIAL_REASONS as readonly string[]).includes(reason)
  );
}

/** The form field where what the partner issues goes, named as the form labels it. */
export function fieldForNewCredentials(connection: ConnectionView): string {
  if (connection.followUp?.reason === 'invalid_client') return 'Client secret';
  if (connection.dialect === 'oauth2' && connection.settings.grant === 'client_credentials')
    return 'Client secret';
  return 'Refresh token';
}
