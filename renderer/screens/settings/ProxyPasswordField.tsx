import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Outcome } from '../../components/Outcome';
import { SecretInput } from '../../components/SecretInput';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { useSecretsBlocked } from '../../hooks/useSecretsBlocked';
import type { SettingsFormBinding } from './settings-form-model';
import { SETTINGS_FIELD_LABEL, settingsFieldId } from './settings-form-model';

/**
 * The proxy password: never shown, only whether one is stored. Typing replaces it on Save;
 * removing it takes effect at once, and requests then go to the proxy without credentials.
 */
export function ProxyPasswordField({ form, stored }: { form: SettingsFormBinding; stored: boolean }) {
  const api = useApi();
  const secretsBlocked = useSecretsBlocked();
  const remove = useAction(async () => {
    await api.setProxyPassword(null);
    return 'removed' as const;
  });
  const id = settingsFieldId('proxyPassword');
  const hint =
    secretsBlocked ??
    (stored
      ? 'A password is stored, encrypted. Type a new one to replace it, or leave empty to keep it.'
      : 'No password is stored. One typed here is stored encrypted.');
  return (
    <div>
      <Field
        id={id}
        label={SETTINGS_FIELD_LABEL.proxyPassword!}
        hint={hint}
        error={form.error('proxyPassword')}
      >
        {(control) => (
          <SecretInput
            control={control}
            disabled={secretsBlocked !== null}
            value={form.state.proxyPassword}
            onChange={(v) => form.set('proxyPassword', v)}
          />
        )}
      </Field>
      {stored && (
        <button
          type="button"
          className="button button--quiet field-action"
          aria-describedby={`${id}-hint`}
          aria-disabled={remove.pending || undefined}
          disabled={secretsBlocked !== null}
          onClick={() => void (remove.pending || remove.run())}
        >
          Remove stored password
        </button>
      )}
      <div aria-live="polite">
        {remove.pending && <Outcome tone="progress">Removing…</Outcome>}
        {remove.result && !stored && (
          <Outcome tone="ok">Password removed: requests go to the proxy without credentials.</Outcome>
        )}
      </div>
      {remove.error && <ErrorNotice error={remove.error} />}
    </div>
  );
}
