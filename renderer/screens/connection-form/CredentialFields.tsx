import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { fieldId } from './connection-fields';
import type { FormBinding } from './form-binding';
import { FormTextField } from './FormTextField';

const SECRET_VALUE = {
  'secrets.clientSecret': 'clientSecret',
  'secrets.refreshToken': 'refreshToken',
  'secrets.accessToken': 'accessToken',
  'secrets.partnerToken': 'partnerToken',
} as const;
const SECRET_FIELDS = Object.keys(SECRET_VALUE) as (keyof typeof SECRET_VALUE)[];

/** What a secret is, where adding a connection needs a word on it. */
function firstHint(key: keyof typeof SECRET_VALUE, required: boolean): string | undefined {
  if (key === 'secrets.partnerToken') return 'The token issued in the partner or merchant portal.';
  if (key !== 'secrets.accessToken') return undefined;
  return required
    ? 'The current access token: the partner wants it as Bearer to renew.'
    : 'The current access token, if you have one; otherwise TokenTray gets one at the first renewal.';
}

/** The secrets: typed here, sent once to be sealed, never shown again. */
export function CredentialFields({ form }: { form: FormBinding }) {
  const { state, visible, errors, mode } = form;
  const keep = mode === 'edit' ? 'Stored encrypted. Leave empty to keep it.' : undefined;
  const secrets = SECRET_FIELDS.filter((key) => visible.has(key));
  if (secrets.length === 0) return null;
  // Re-adding is about the credentials: the first one takes focus.
  const focus = (key: (typeof secrets)[number]) => mode === 'reAdd' && key === secrets[0];
  return (
    <fieldset className="fieldset fieldset--section">
      <legend>Credentials</legend>
      <p className="section-note">
        <Icon name="lock" /> Stored encrypted, with the key in your system keychain. TokenTray never shows
        them again.
      </p>
      {secrets.map((key) => (
        <FormTextField
          key={key}
          form={form}
          field={key}
          value={SECRET_VALUE[key]}
          kind="secret"
          hint={keep ?? firstHint(key, form.required.has(key))}
          autoFocus={focus(key)}
        />
      ))}
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
