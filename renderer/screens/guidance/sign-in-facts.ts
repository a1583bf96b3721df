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

/** Why a connection's stored secrets are gone: cleared when starting over with a new key, or unreadable. */
const LOST_CREDENTIAL_REASONS: readonly string[] = ['needs_credentials', 'secret_unreadable'];

/** Needs action because its stored secrets are gone: the same credentials, entered again, help. */
export function credentialsLost(connection: ConnectionView): boolean {
  return needsActionFor(connection, LOST_CREDENTIAL_REASONS);
}

/** Needs action because none were ever stored: nobody has signed in yet, or it was imported without them. */
export function credentialsMissing(connection: ConnectionView): boolean {
  return needsActionFor(connection, ['missing_credentials']);
}

/** Only credentials entered in the form help (renewing, verifying or revoking would not). */
export function needsNewCredentials(connection: ConnectionView): boolean {
  return credentialsRefused(connection) || credentialsLost(connection) || credentialsMissing(connection);
}

function needsActionFor(connection: ConnectionView, reasons: readonly string[]): boolean {
  const reason = connection.followUp?.reason;
  return connection.status === 'needsAction' && reason !== undefined && reasons.includes(reason);
}

/** The form field where what the partner issues goes, named as the form labels it. */
export function fieldForNewCredentials(connection: ConnectionView): string {
  if (connection.followUp?.reason === 'invalid_client') return 'Client secret';
  if (connection.dialect === 'oauth2' && connection.settings.grant === 'client_credentials')
    return 'Client secret';
  return 'Refresh token';
}
