import type { FormEvent } from 'react';
import { useState } from 'react';
import type { ConnectionView, TokenView } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Fingerprint } from '../../components/Fingerprint';
import { Outcome } from '../../components/Outcome';
import { SecretInput } from '../../components/SecretInput';
import { fromDateInputValue } from '../../format/time';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { SaveCancelFooter } from '../../components/SaveCancelFooter';

/** The manual dialect: the token from the partner portal; the new one is New, the old one Renewed until it expires. */
export function PasteTokenDialog({
  connection,
  onClose,
  onSaved,
}: {
  connection: ConnectionView;
  onClose: () => void;
  onSaved: (token: TokenView) => void;
}) {
  const api = useApi();
  const [token, setToken] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useAction((value: string, expiresAt?: number) =>
    api.replaceManualToken(connection.id, value, expiresAt),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (save.pending) return;
    const found: Record<string, string> = {};
    const expiresAt = expiresOn === '' ? undefined : fromDateInputValue(expiresOn);
    if (token.trim() === '') found.token = 'Paste the token issued in the partner portal.';
    if (expiresAt === null) found.expiresAt = 'Enter a date, or leave it empty.';
    else if (expiresAt !== undefined && expiresAt <= Date.now()) found.expiresAt = 'This date has passed.';
    setErrors(found);
    if (Object.keys(found).length > 0 || expiresAt === null) {
      document.getElementById(found.token ? 'paste-token' : 'paste-expires')?.focus();
      return;
    }
    const saved = await save.run(token.trim(), expiresAt);
    if (saved.ok) {
      onSaved(saved.value);
      onClose();
    }
  };
  const serverErrors = save.error?.fieldErrors ?? {};

  return (
    <Dialog title="Paste new token" onClose={onClose}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off">
        <div className="dialog-body">
          <p>
            Paste the token issued in the partner portal for <strong>{connection.label}</strong>. TokenTray
            marks it New.
            {connection.token && (
              <>
                {' '}
                The current token <Fingerprint value={connection.token.fingerprint} /> is marked Renewed and
                keeps working until it expires, so the partner can switch over.
              </>
            )}
          </p>
          <Field id="paste-token" label="Token" error={errors.token ?? serverErrors.token}>
            {(control) => <SecretInput control={control} value={token} onChange={setToken} autoFocus />}
          </Field>
          <Field
            id="paste-expires"
            label="Expires on"
            optional
            hint="Leave it empty if the portal does not say: TokenTray then assumes one year."
            error={errors.expiresAt ?? serverErrors.expiresAt}
          >
            {(control) => (
              <input
                {...control}
                className="input input--date"
                type="date"
                value={expiresOn}
                onChange={(event) => setExpiresOn(event.target.value)}
              />
            )}
          </Field>
          {save.pending && <Outcome tone="progress">Saving…</Outcome>}
          {save.error && <ErrorNotice error={save.error} />}
        </div>
        <SaveCancelFooter saving={save.pending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
