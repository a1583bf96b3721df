import { Field } from '../../components/Field';
import { fieldId } from './connection-fields';
import type { FormBinding } from './form-binding';

const PLACEHOLDERS =
  '{{clientId}} {{clientSecret}} {{refreshToken}} {{accessToken}} {{scope}} {{partnerIdHeader}} {{apiVersion}}';

/** The renewal profile as JSON for a partner no preset fits; the host checks it and names each problem. */
export function CustomProfileEditor({
  form,
  problems,
}: {
  form: FormBinding;
  problems: Array<[string, string]>;
}) {
  if (form.state.dialect !== 'custom') return null;
  return (
    <Field
      id={fieldId('customProfile')}
      label="Custom profile"
      hint={
        <>
          The request to send and where the new token sits in the answer. Placeholders:{' '}
          <code>{PLACEHOLDERS}</code>
        </>
      }
      error={form.errors.customProfile}
    >
      {(control) => (
        <>
          <textarea
            {...control}
            className="input textarea textarea--code"
            rows={16}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            value={form.state.customProfile}
            onChange={(event) => form.set('customProfile', event.target.value)}
          />
          {problems.length > 1 && (
            <ul className="field-error-list">
              {problems.map(([path, message]) => (
                <li key={path}>
                  <code>{path.replace(/^customProfile\.?/, '') || 'profile'}</code>: {message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Field>
  );
}
