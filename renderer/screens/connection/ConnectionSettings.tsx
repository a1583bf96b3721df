import type { ReactNode } from 'react';
import { useState } from 'react';
import type { ConnectionView } from '../../api/types';
import { ConnectionFormDialog } from '../connection-form/ConnectionFormDialog';
import { RemoveConnectionDialog } from './RemoveConnectionDialog';
import { SecretsButton } from '../../components/SecretsButton';

const MINUTE = 60_000;

/** The connection's non-secret settings, as they were entered (only what is set), and the way to change them. */
export function ConnectionSettings({
  connection,
  presetTitle,
}: {
  connection: ConnectionView;
  presetTitle: string;
}) {
  const [dialog, setDialog] = useState<'edit' | 'remove' | null>(null);
  const { settings, policy } = connection;
  const manual = connection.dialect === 'manual';
  const facts: Array<[string, ReactNode]> = [['Preset', presetTitle]];
  if (!manual) facts.push(['Endpoint', <span className="mono wrap">{connection.endpoint}</span>]);
  if (settings.clientId) facts.push(['Client ID', <span className="mono">{settings.clientId}</span>]);
  if (settings.partnerIdHeader !== undefined) facts.push(['Partner ID', String(settings.partnerIdHeader)]);
  if (settings.apiVersion) facts.push(['API version', settings.apiVersion]);
  if (settings.scope) facts.push(['Scope', settings.scope]);
  if (connection.dialect === 'oauth2' || connection.dialect === 'custom') {
    facts.push([
      'Client authentication',
      settings.authMethod === 'body' ? 'In the request body' : 'HTTP Basic',
    ]);
  }
  if (connection.dialect === 'oauth-tokens-envelope') {
    facts.push(['Body shape', settings.bodyShape === 'wrapped' ? 'Wrapped in "token"' : 'Flat']);
  }
  if (connection.verifyUrl)
    facts.push(['Verify URL', <span className="mono wrap">{connection.verifyUrl}</span>]);
  if (connection.revocationUrl) {
    facts.push(['Revocation URL', <span className="mono wrap">{connection.revocationUrl}</span>]);
  }
  if (manual) {
    facts.push([
      'Reminders',
      `${[...policy.reminderDays].sort((a, b) => b - a).join(', ')} days before expiry`,
    ]);
  } else {
    facts.push([
      'Renewal policy',
      `at ${Math.round(policy.renewAtShare * 100)}% of the lifetime, at the latest ` +
        `${Math.round(policy.leadTimeMs / MINUTE)} min before expiry`,
    ]);
  }
  facts.push(['Automatic', connection.enabled ? 'On' : 'Off: this connection is paused']);
  return (
    <section className="panel-section">
      <div className="section-heading">
        <h3>Settings</h3>
        <SecretsButton className="button button--small" onClick={() => setDialog('edit')}>
          Edit connection
        </SecretsButton>
      </div>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term} className="facts-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="section-footer">
        <button
          type="button"
          className="button button--small button--quiet button--danger-text"
          onClick={() => setDialog('remove')}
        >
          Remove connection
        </button>
      </div>
      {dialog === 'edit' && (
        <ConnectionFormDialog mode="edit" connection={connection} onClose={() => setDialog(null)} />
      )}
      {dialog === 'remove' && (
        <RemoveConnectionDialog connection={connection} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}
