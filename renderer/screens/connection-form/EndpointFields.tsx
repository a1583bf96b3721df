import type { Dialect } from '../../api/types';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { fieldId } from './connection-fields';
import type { FormBinding } from './form-binding';
import { FormTextField } from './FormTextField';

const ENDPOINT_HINT: Record<Dialect, string> = {
  oauth2: 'The full token URL, such as https://auth.partner.example/oauth/token.',
  'oauth-tokens-envelope': "The partner's base URL (TokenTray adds /oauth/tokens) or the full token URL.",
  'partner-header': "The partner's base URL (TokenTray adds /v1/auth/token) or the full token URL.",
  'bearer-rotation': "The partner's base URL (TokenTray adds /User/RefreshToken) or the full token URL.",
  manual: '',
  custom: "The URL the profile's path is added to (or the full URL when the path is empty).",
};

/** Where TokenTray renews and the preset's non-secret settings. */
export function EndpointFields({ form }: { form: FormBinding }) {
  const { state, visible, errors } = form;
  return (
    <>
      <FormTextField
        form={form}
        field="endpoint"
        value="endpoint"
        kind="url"
        hint={ENDPOINT_HINT[state.dialect]}
        placeholder="https://"
      />
      <FormTextField form={form} field="settings.clientId" value="clientId" kind="mono" />
      <FormTextField
        form={form}
        field="settings.partnerIdHeader"
        value="partnerIdHeader"
        kind="number"
        hint="Sent as the partnerId header: a whole number (int32)."
      />
      <FormTextField
        form={form}
        field="settings.apiVersion"
        value="apiVersion"
        hint="Sent as the Version header; 2.0 when left empty."
        placeholder="2.0"
      />
      <FormTextField
        form={form}
        field="settings.scope"
        value="scope"
        hint="A renewal can only narrow the scope, never widen it. Leave empty to keep the granted scope."
      />
      {visible.has('settings.authMethod') && (
        <ChoiceGroup
          id={fieldId('settings.authMethod')}
          legend="Client authentication"
          value={state.authMethod}
          choices={[
            { value: 'basic', label: 'HTTP Basic' },
            { value: 'body', label: 'In the request body' },
            { value: 'none', label: 'No secret (public client)' },
          ]}
          hint="How the client ID and secret are sent. HTTP Basic unless the partner asks otherwise; a public client has no secret."
          error={errors['settings.authMethod']}
          onChange={(value) => form.set('authMethod', value)}
        />
      )}
      {visible.has('settings.bodyShape') && (
        <ChoiceGroup
          id={fieldId('settings.bodyShape')}
          legend="Body shape"
          value={state.bodyShape}
          choices={[
            { value: 'flat', label: 'Flat' },
            { value: 'wrapped', label: 'Wrapped in "token"' },
          ]}
          hint='Some servers want the fields inside {"token": {…}}.'
          error={errors['settings.bodyShape']}
          onChange={(value) => form.set('bodyShape', value)}
        />
      )}
    </>
  );
}
