import { useState } from 'react';
import type { ConnectionView } from '../../api/types';
import { ConnectionFormDialog } from '../connection-form/ConnectionFormDialog';
import { canSignIn, credentialsLost, fieldForNewCredentials } from './sign-in-facts';
import { SignInAction } from '../../components/SignInAction';
import { FollowUpReason } from './FollowUpReason';
import { GuidanceStep } from './GuidanceStep';
import { SecretsButton } from '../../components/SecretsButton';

/**
 * The partner refused the stored refresh token, grant or client credentials, or the stored ones are
 * gone (cleared when starting over, or unreadable): renewing cannot help, so the steps go straight to
 * credentials entered in the form (sign in again, or paste what the partner issues).
 */
export function NewTokensSteps({ connection }: { connection: ConnectionView }) {
  const [reAdding, setReAdding] = useState(false);
  const { followUp } = connection;
  const signIn = canSignIn(connection);
  const field = fieldForNewCredentials(connection);
  const lost = credentialsLost(connection);
  const [pasteTitle, pasteTitleAfterSignIn] = lost
    ? ['Enter the credentials again', 'Or enter the credentials again']
    : ['Paste what the partner issues', 'Or paste what the partner issues'];
  return (
    <section className="guidance">
      <h3>What to do</h3>
      <FollowUpReason followUp={followUp} message={followUp?.message} reasons={followUp?.guidance ?? []} />
      <ol className="steps">
        {signIn && (
          <GuidanceStep number={1} title="Sign in again" state="current">
            <p className="muted">The new tokens replace the refused ones, and the connection renews again.</p>
            <div className="step-actions">
              <SignInAction connectionId={connection.id} label="Sign in again" primary />
            </div>
          </GuidanceStep>
        )}
        <GuidanceStep
          number={signIn ? 2 : 1}
          title={signIn ? pasteTitleAfterSignIn : pasteTitle}
          state={signIn ? 'todo' : 'current'}
        >
          <p className="muted">
            {lost ? (
              <>Re-add the connection and enter its secrets again: client secret, refresh or partner token.</>
            ) : (
              <>
                Re-add the connection and enter the new value in its <strong>{field}</strong> field.
              </>
            )}
          </p>
          <div className="step-actions">
            <SecretsButton
              className={signIn ? 'button' : 'button button--primary'}
              onClick={() => setReAdding(true)}
            >
              Re-add
            </SecretsButton>
          </div>
        </GuidanceStep>
      </ol>
      {reAdding && (
        <ConnectionFormDialog mode="reAdd" connection={connection} onClose={() => setReAdding(false)} />
      )}
    </section>
  );
}
