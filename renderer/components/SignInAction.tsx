import { ActionButton } from './ActionButton';
import { ErrorNotice } from './ErrorNotice';
import { Outcome } from './Outcome';
import { useSignIn } from '../hooks/useSignIn';
import { useSecretsBlocked } from '../hooks/useSecretsBlocked';

/** The Sign in button, with its progress and outcome: which account signed in, or why it did not. */
export function SignInAction({
  connectionId,
  label,
  primary,
}: {
  connectionId: string;
  label: 'Sign in' | 'Sign in again';
  primary: boolean;
}) {
  const signIn = useSignIn(connectionId);
  const secretsBlocked = useSecretsBlocked();
  return (
    <>
      <ActionButton
        action={signIn}
        className={primary ? 'button button--primary' : 'button'}
        blocked={secretsBlocked}
      >
        {label}
      </ActionButton>
      <div aria-live="polite" className="sign-in-result">
        {signIn.pending && (
          <Outcome tone="progress">Waiting for you to sign in in the browser tab that opened…</Outcome>
        )}
        {signIn.result && (
          <Outcome tone="ok">
            {signIn.result.account ? `Signed in as ${signIn.result.account}.` : 'Signed in.'}
          </Outcome>
        )}
        {signIn.error && <ErrorNotice error={signIn.error} />}
      </div>
    </>
  );
}
