import type { FormEvent } from 'react';
import { useState } from 'react';
import type { Partner } from '../../api/types';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Outcome } from '../../components/Outcome';
import { useAction } from '../../hooks/useAction';
import { useAnnounce } from '../../hooks/useAnnounce';
import { useApi } from '../../hooks/useApi';
import { partnerKey, useSelection } from '../../hooks/useSelection';
import type { PartnerFormState } from './partner-form-model';
import { checkPartnerForm, PARTNER_FIELD_LABEL, partnerFormState, partnerInput } from './partner-form-model';
import { SaveCancelFooter } from '../../components/SaveCancelFooter';
import { NETWORK_FIELDS, PartnerNetworkFields } from './PartnerNetworkFields';

const fieldId = (key: string) => `partner-${key}`;

/** Add or edit a partner. A failed save stores nothing and keeps everything typed. */
export function PartnerFormDialog({ partner, onClose }: { partner?: Partner; onClose: () => void }) {
  const api = useApi();
  const announce = useAnnounce();
  const { select } = useSelection();
  const [state, setState] = useState<PartnerFormState>(() => partnerFormState(partner));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useAction((input: ReturnType<typeof partnerInput>) =>
    partner ? api.updatePartner(partner.id, input) : api.addPartner(input),
  );
  const set = <K extends keyof PartnerFormState>(key: K, value: PartnerFormState[K]) =>
    setState((s) => ({ ...s, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (save.pending) return;
    const found = checkPartnerForm(state);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    const settled = await save.run(partnerInput(state));
    if (settled.ok) {
      announce(partner ? `${settled.value.name} was saved.` : `${settled.value.name} was added.`);
      onClose();
      if (!partner) select(partnerKey(settled.value.id), { reveal: true });
      return;
    }
    const fromHost = settled.error.fieldErrors;
    setErrors(fromHost);
    const firstFromHost = Object.keys(fromHost)[0];
    if (firstFromHost) document.getElementById(fieldId(firstFromHost))?.focus();
  };

  const hostError = save.error && Object.keys(save.error.fieldErrors).length === 0 ? save.error : null;
  return (
    <Dialog title={partner ? `Edit ${partner.name}` : 'Add partner'} onClose={onClose}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate autoComplete="off">
        <div className="dialog-body">
          <ErrorSummary
            errors={errors}
            labelOf={(key) => PARTNER_FIELD_LABEL[key] ?? key}
            idOf={(key) => (key in PARTNER_FIELD_LABEL ? fieldId(key) : null)}
          />
          <Field id={fieldId('name')} label="Name" error={errors.name}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={state.name}
                onChange={(e) => set('name', e.target.value)}
                maxLength={200}
                data-autofocus
              />
            )}
          </Field>
          <Field
            id={fieldId('contactEmail')}
            label="Contact e-mail"
            optional
            hint="Where shared tokens are sent."
            error={errors.contactEmail}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="email"
                value={state.contactEmail}
                onChange={(e) => set('contactEmail', e.target.value)}
              />
            )}
          </Field>
          <Field id={fieldId('notes')} label="Notes" optional error={errors.notes}>
            {(control) => (
              <textarea
                {...control}
                className="input textarea"
                rows={3}
                value={state.notes}
                onChange={(e) => set('notes', e.target.value)}
              />
            )}
          </Field>
          <ChoiceGroup
            id={fieldId('status')}
            legend="Relationship"
            value={state.status}
            choices={[
              { value: 'active', label: 'Active' },
              { value: 'suspended', label: 'Suspended' },
            ]}
            hint="A suspended partner's connections are not renewed."
            error={errors.status}
            onChange={(status) => set('status', status)}
          />
          <PartnerNetworkFields
            state={state}
            errors={errors}
            fieldId={fieldId}
            open={Boolean(partner?.network) || NETWORK_FIELDS.some((key) => key in errors)}
            set={set}
          />
          {save.pending && <Outcome tone="progress">Saving…</Outcome>}
          {hostError && <ErrorNotice error={hostError} />}
        </div>
        <SaveCancelFooter saving={save.pending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
