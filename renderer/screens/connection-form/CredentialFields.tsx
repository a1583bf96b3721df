import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { fieldId } from './connection-fields';
import type { FormBinding } from './form-binding';
import { FormTextField } from './FormTextField';

/** The secrets: typed here, sent once to the keychain, never shown again. */
export function CredentialFields({ form }: { form: FormBinding }) {
  const { state, visible, errors, mode } = form;
  const keep = mode === 'edit' ? 'Stored in the keychain. Leave empty to keep it.' : undefined;
  const secrets = (
    ['secrets.clientSecret', 'secrets.refreshToken', 'secrets.accessToken', 'secrets.partnerToken'] as const
  ).filter((key) => visible.has(key));
  if (secrets.length === 0) return null;
  // Re-adding is about the credentials: the first one takes focus.
  const focus = (key: (typeof secrets)[number]) => mode === 'reAdd' && key === secrets[0];
  return (
    <fieldset className="fieldset fieldset--section">
      <legend>Credentials</legend>
      <p className="section-note">
        <Icon name="lock" /> Kept in the system keychain only. TokenTray never shows them again.
      </p>
      <FormTextField
        form={form}
        field="secrets.clientSecret"
        value="clientSecret"
        kind="secret"
        hint={keep}
        autoFocus={focus('secrets.clientSecret')}
      />
      <FormTextField
        form={form}
        field="secrets.refreshToken"
        value="refreshToken"
        kind="secret"
        hint={keep}
        autoFocus={focus('secrets.refreshToken')}
      />
      <FormTextField
        form={form}
        field="secrets.accessToken"
        value="accessToken"
        kind="secret"
        autoFocus={focus('secrets.accessToken')}
        hint={
          keep ??
          (form.required.has('secrets.accessToken')
            ? 'The current access token: the partner wants it as Bearer to renew.'
            : 'The current access token, if you have one; otherwise TokenTray gets one at the first renewal.')
        }
      />
      <FormTextField
        form={form}
        field="secrets.partnerToken"
        value="partnerToken"
        kind="secret"
        autoFocus={focus('secrets.partnerToken')}
        hint={keep ?? 'The token issued in the partner or merchant portal.'}
      />
      {visible.has('secrets.tokenExpiresAt') && (
        <Field
          id={fieldId('secrets.tokenExpiresAt')}
          label="Expires on"
          optional
          hint="Leave it empty if the portal does not say: TokenTray then assumes one year."
          error={errors['secrets.tokenExpiresAt']}
        >
          {(control) => (
            <input
              {...control}
              className="input input--date"
              type="date"
              value={state.tokenExpiresOn}
              onChange={(event) => form.set('tokenExpiresOn', event.target.value)}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}
