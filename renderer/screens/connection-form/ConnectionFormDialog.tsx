import type { FormEvent } from 'react';
import { useMemo, useState } from 'react';
import type { Connection } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useAnnounce } from '../../hooks/useAnnounce';
import { useApi } from '../../hooks/useApi';
import { usePresets } from '../../hooks/usePresets';
import { connectionKey, useSelection } from '../../hooks/useSelection';
import { useSnapshot } from '../../hooks/useSnapshot';
import { AdvancedFields } from './AdvancedFields';
import { buildConnection } from './connection-form-input';
import type { FieldKey } from './connection-fields';
import { FIELD_LABEL, fieldId, fieldOf } from './connection-fields';
import type { ConnectionFormState, FormMode } from './connection-form-model';
import { connectionFormState, CUSTOM_PROFILE_TEMPLATE } from './connection-form-model';
import { requiredFields, visibleFields } from './preset-fields';
import { ConnectionIdentityFields } from './ConnectionIdentityFields';
import { CredentialFields } from './CredentialFields';
import { CustomProfileEditor } from './CustomProfileEditor';
import { EndpointFields } from './EndpointFields';
import { OAuthFields } from './OAuthFields';
import type { FormBinding } from './form-binding';
import { FormTextField } from './FormTextField';
import { SaveCancelFooter } from '../../components/SaveCancelFooter';

const ADVANCED: FieldKey[] = [
  'policy.renewAtShare',
  'policy.leadTimeMs',
  'policy.jitterMs',
  'policy.unknownLifetimeIntervalMs',
  'policy.reminderDays',
  'settings.clientCertificatePem',
  'secrets.clientKey',
];

/**
 * Add a connection, edit one, or re-add one with new credentials (the last
 * step when a token fails). Only the fields the preset needs are shown. A failed save stores
 * nothing and keeps everything typed, with each problem beside its field.
 */
export function ConnectionFormDialog({
  mode,
  connection,
  partnerId,
  onClose,
}: {
  mode: FormMode;
  connection?: Connection;
  partnerId?: string;
  onClose: () => void;
}) {
  const api = useApi();
  const announce = useAnnounce();
  const { select } = useSelection();
  const { snapshot } = useSnapshot();
  const presets = usePresets();
  const [state, setState] = useState<ConnectionFormState>(() =>
    connectionFormState({ connection, partnerId, defaults: snapshot!.settings }),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const save = useAction(async (built: ReturnType<typeof buildConnection>) => {
    const { input, secrets } = built;
    if (mode === 'add') return api.addConnection(input, secrets);
    const withSecrets = mode === 'reAdd' || Object.keys(secrets).length > 0;
    return api.updateConnection(connection!.id, input, withSecrets ? secrets : undefined);
  });

  const preset = presets?.find((p) => p.dialect === state.dialect);
  const fieldErrors = useMemo(() => {
    const byField: Partial<Record<FieldKey, string>> = {};
    for (const [key, message] of Object.entries(errors)) {
      const field = fieldOf(key);
      if (field) byField[field] ??= message;
    }
    return byField;
  }, [errors]);
  const form: FormBinding = {
    state,
    set: (key, value) =>
      setState((s) => {
        const next = { ...s, [key]: value };
        if (key === 'dialect' && value === 'custom' && s.customProfile.trim() === '') {
          next.customProfile = CUSTOM_PROFILE_TEMPLATE;
        }
        return next;
      }),
    errors: fieldErrors,
    visible: visibleFields(state),
    required: requiredFields(state, preset, mode),
    mode,
  };

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    const keys = Object.keys(found);
    if (keys.some((key) => ADVANCED.includes(fieldOf(key) as FieldKey))) setAdvancedOpen(true);
    const first = keys.map(fieldOf).find((field) => field !== null);
    // After the details element opens, so a policy field can take focus.
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (save.pending) return;
    const built = buildConnection(state, preset, mode);
    if (Object.keys(built.errors).length > 0) {
      showErrors(built.errors as Record<string, string>);
      return;
    }
    setErrors({});
    const settled = await save.run(built);
    if (settled.ok) {
      const verb = mode === 'add' ? 'added' : mode === 'reAdd' ? 're-added' : 'saved';
      announce(`${settled.value.label} was ${verb}.`);
      onClose();
      select(connectionKey(settled.value.id), { reveal: true });
      return;
    }
    showErrors(settled.error.fieldErrors);
  };

  const customProblems = Object.entries(errors).filter(([key]) => fieldOf(key) === 'customProfile');
  const hostError = save.error && Object.keys(save.error.fieldErrors).length === 0 ? save.error : null;
  const title =
    mode === 'add'
      ? 'Add connection'
      : mode === 'reAdd'
        ? `Re-add ${connection?.label}`
        : `Edit ${connection?.label}`;

  return (
    <Dialog title={title} size="wide" onClose={onClose}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off">
        <div className="dialog-body">
          {mode === 'reAdd' && (
            <p className="section-note">
              Enter the new credentials the partner gave you. TokenTray replaces the stored secrets and starts
              this connection afresh.
            </p>
          )}
          <ErrorSummary
            errors={errors}
            labelOf={(key) => {
              const field = fieldOf(key);
              return field ? FIELD_LABEL[field] : key;
            }}
            idOf={(key) => {
              const field = fieldOf(key);
              return field ? fieldId(field) : null;
            }}
          />
          <ConnectionIdentityFields form={form} presets={presets} partners={snapshot?.partners ?? []} />
          <OAuthFields form={form} />
          <EndpointFields form={form} />
          <CustomProfileEditor form={form} problems={customProblems} />
          <CredentialFields form={form} />
          <FormTextField
            form={form}
            field="verifyUrl"
            value="verifyUrl"
            kind="url"
            hint="A URL that answers 2xx to a GET with a working token, for the Verify token button."
          />
          <FormTextField
            form={form}
            field="revocationUrl"
            value="revocationUrl"
            kind="url"
            hint="The partner's RFC 7009 revocation endpoint, used by Revoke all tokens."
          />
          <AdvancedFields form={form} open={advancedOpen} onToggle={setAdvancedOpen} />
          {save.pending && <Outcome tone="progress">Saving…</Outcome>}
          {hostError && <ErrorNotice error={hostError} />}
        </div>
        <SaveCancelFooter saving={save.pending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
