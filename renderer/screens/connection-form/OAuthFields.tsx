import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Field } from '../../components/Field';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useApi } from '../../hooks/useApi';
import { fieldId } from './connection-fields';
import type { OAuthGrant } from './connection-form-model';
import type { FormBinding } from './form-binding';
import { FormTextField } from './FormTextField';

const GRANT_CHOICES: Array<{ value: OAuthGrant; label: string }> = [
  { value: 'authorization_code', label: 'Sign in in the browser' },
  { value: 'client_credentials', label: 'Client credentials' },
  { value: 'refresh_token', label: 'Refresh token I have' },
];

/**
 * OAuth 2.0: an issuer URL fills the endpoints from its metadata (RFC 8414 / OpenID discovery),
 * and the way tokens are got decides which fields the form asks for.
 */
export function OAuthFields({ form }: { form: FormBinding }) {
  const api = useApi();
  const { state, visible, errors } = form;
  const discover = useAction(async () => {
    // The chosen partner's network settings (its proxy choice, CAs, timeout) apply, as they will to the connection.
    const found = await api.discoverIssuer(state.issuer, state.partnerId || null);
    form.set('issuer', found.issuer);
    form.set('endpoint', found.tokenEndpoint);
    form.set('authorizationUrl', found.authorizationEndpoint ?? '');
    form.set('revocationUrl', found.revocationEndpoint ?? '');
    form.set('authMethod', found.authMethod);
    return found;
  });
  if (!visible.has('settings.issuer')) return null;
  const id = fieldId('settings.issuer');
  const discoverError = discover.error?.fieldErrors['settings.issuer'] ?? discover.error?.message;
  return (
    <>
      <Field
        id={id}
        label="Issuer URL"
        optional
        hint="The partner's sign-in server, such as https://login.partner.example. Discover fills in its endpoints."
        error={discoverError ?? errors['settings.issuer']}
      >
        {(control) => (
          <div className="input-with-button">
            <input
              {...control}
              className="input input--mono"
              type="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://"
              value={state.issuer}
              onChange={(event) => form.set('issuer', event.target.value)}
            />
            <button
              type="button"
              className="button"
              aria-disabled={discover.pending || state.issuer.trim() === '' || undefined}
              onClick={() => void (discover.pending || state.issuer.trim() === '' || discover.run())}
            >
              Discover
            </button>
          </div>
        )}
      </Field>
      <div aria-live="polite">
        {discover.pending && <Outcome tone="progress">Reading the issuer's metadata…</Outcome>}
        {discover.result && <Outcome tone="ok">Endpoints filled in from {discover.result.issuer}.</Outcome>}
      </div>
      <ChoiceGroup
        id={fieldId('settings.grant')}
        legend="How tokens are got"
        value={state.grant}
        choices={GRANT_CHOICES}
        hint="Sign in: you sign in once in your browser and TokenTray keeps the tokens renewed. Client credentials: a new token for the client itself at every renewal."
        error={errors['settings.grant']}
        onChange={(value) => form.set('grant', value)}
      />
      <FormTextField
        form={form}
        field="settings.authorizationUrl"
        value="authorizationUrl"
        kind="url"
        hint="Where you sign in (filled by Discover)."
        placeholder="https://"
      />
      <FormTextField
        form={form}
        field="settings.audience"
        value="audience"
        kind="mono"
        hint="The audience parameter, for servers that ask for one (Auth0, Okta)."
      />
      <FormTextField
        form={form}
        field="settings.resource"
        value="resource"
        kind="url"
        hint="The API the token is for (RFC 8707 resource indicator), where the server asks for one."
      />
    </>
  );
}
