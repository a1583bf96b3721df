import { useState } from 'react';
import type { ConnectionView } from '../../api/types';
import { ConnectionFormDialog } from '../connection-form/ConnectionFormDialog';
import { canSignIn, credentialsLost, credentialsMissing, fieldForNewCredentials } from './sign-in-facts';
import { SignInAction } from '../../components/SignInAction';
import { FollowUpReason } from './FollowUpReason';
import { GuidanceStep } from './GuidanceStep';
import { SecretsButton } from '../../components/SecretsButton';

/** What each case asks for: the first sign-in, credentials entered again, or new ones for refused ones. */
const WORDING = {
  missing: {
    signIn: 'Sign in',
    signInText:
      'Choose Sign in above. The tokens it gets are stored encrypted, and the connection renews on its own from then on.',
    enter: ['Enter what the partner issued', 'Or enter what the partner issued'],
    enterText: (field: string) => (
      <>
        Edit the connection and enter it in its <strong>{field}</strong> field.
      </>
    ),
    action: 'Enter credentials',
  },
  lost: {
    signIn: 'Sign in again',
    signInText: 'The new tokens replace the ones that were lost, and the connection renews again.',
    enter: ['Enter the credentials again', 'Or enter the credentials again'],
    enterText: () => (
      <>Re-add the connection and enter its secrets again: client secret, refresh or partner token.</>
    ),
    action: 'Re-add',
  },
  refused: {
    signIn: 'Sign in again',
    signInText: 'The new tokens replace the refused ones, and the connection renews again.',
    enter: ['Paste what the partner issues', 'Or paste what the partner issues'],
    enterText: (field: string) => (
      <>
        Re-add the connection and enter the new value in its <strong>{field}</strong> field.
      </>
    ),
    action: 'Re-add',
  },
} as const;

/**
 * The partner refused the stored refresh token, grant or client credentials, the stored ones are
 * gone (cleared when starting over, or unreadable), or none were ever stored: renewing cannot help,
 * so the steps go straight to credentials entered in the form (sign in, or paste what the partner issues).
 */
export function NewTokensSteps({ connection }: { connection: ConnectionView }) {
  const [reAdding, setReAdding] = useState(false);
  const { followUp } = connection;
  const signIn = canSignIn(connection);
  const field = fieldForNewCredentials(connection);
  const wording =
    WORDING[credentialsMissing(connection) ? 'missing' : credentialsLost(connection) ? 'lost' : 'refused'];
  return (
    <section className="guidance">
      <h3>What to do</h3>
      <FollowUpReason followUp={followUp} message={followUp?.message} reasons={followUp?.guidance ?? []} />
      <ol className="steps">
        {signIn && (
          <GuidanceStep number={1} title={wording.signIn} state="current">
            <p className="muted">{wording.signInText}</p>
            {/* The first sign-in is the main button of the actions above, where its outcome stays in view. */}
            {wording !== WORDING.missing && (
              <div className="step-actions">
                <SignInAction connectionId={connection.id} label={wording.signIn} primary />
              </div>
            )}
          </GuidanceStep>
        )}
        <GuidanceStep
          number={signIn ? 2 : 1}
          title={wording.enter[signIn ? 1 : 0]}
          state={signIn ? 'todo' : 'current'}
        >
          <p className="muted">{wording.enterText(field)}</p>
          <div className="step-actions">
            <SecretsButton
              className={signIn ? 'button' : 'button button--primary'}
              onClick={() => setReAdding(true)}
            >
              {wording.action}
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
