import { Outcome } from '../../components/Outcome';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { useSecretsBlocked } from '../../hooks/useSecretsBlocked';

/** The profile's data key: what it does, and rotating it (every stored secret re-sealed under a new one). */
export function DataKeySettings() {
  const api = useApi();
  const rotate = useAction(() => api.rotateDataKey());
  const secretsBlocked = useSecretsBlocked();
  return (
    <section className="card">
      <h3>Data key</h3>
      <p className="muted">
        Secrets are sealed in this profile with one key kept in the system keychain. Rotating makes a new key
        and re-seals every secret with it; the old key is removed from the keychain afterwards.
      </p>
      <button
        type="button"
        className="button"
        aria-disabled={rotate.pending || undefined}
        disabled={secretsBlocked !== null}
        title={secretsBlocked ?? undefined}
        onClick={() => void (rotate.pending || rotate.run())}
      >
        Rotate the data key
      </button>
      <div aria-live="polite">
        {rotate.pending && <Outcome tone="progress">Re-sealing…</Outcome>}
        {rotate.result && (
          <Outcome tone="ok">Every secret is sealed with key version {rotate.result.keyVersion}.</Outcome>
        )}
      </div>
      {rotate.error && <ErrorNotice error={rotate.error} />}
    </section>
  );
}
