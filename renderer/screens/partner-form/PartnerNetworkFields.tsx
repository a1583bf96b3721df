import { CheckboxField } from '../../components/CheckboxField';
import { PemTextArea } from '../../components/PemTextArea';
import { Field } from '../../components/Field';
import type { PartnerFormState } from './partner-form-model';
import { PARTNER_FIELD_LABEL } from './partner-form-model';

export const NETWORK_FIELDS = ['network.bypassProxy', 'network.extraCaPem', 'network.timeoutSeconds'];

/** A partner's own network needs, folded away: most partners are reached as Settings → Network says. */
export function PartnerNetworkFields({
  state,
  errors,
  fieldId,
  open,
  set,
}: {
  state: PartnerFormState;
  errors: Record<string, string>;
  fieldId: (key: string) => string;
  open: boolean;
  set: <K extends keyof PartnerFormState>(key: K, value: PartnerFormState[K]) => void;
}) {
  return (
    <details className="advanced" open={open}>
      <summary>Network</summary>
      <div className="advanced-body">
        <CheckboxField
          id={fieldId('network.bypassProxy')}
          label={PARTNER_FIELD_LABEL['network.bypassProxy']!}
          hint="For a partner inside the company network, where the proxy is in the way."
          checked={state.bypassProxy}
          onChange={(value) => set('bypassProxy', value)}
        />
        <Field
          id={fieldId('network.extraCaPem')}
          label={PARTNER_FIELD_LABEL['network.extraCaPem']!}
          optional
          hint="Where the partner's certificate comes from an authority of its own. Added to the usual ones."
          error={errors['network.extraCaPem']}
        >
          {(control) => (
            <PemTextArea control={control} value={state.extraCaPem} onChange={(v) => set('extraCaPem', v)} />
          )}
        </Field>
        <Field
          id={fieldId('network.timeoutSeconds')}
          label={PARTNER_FIELD_LABEL['network.timeoutSeconds']!}
          optional
          hint="Empty: the timeout in Settings → Network."
          error={errors['network.timeoutSeconds']}
        >
          {(control) => (
            <input
              {...control}
              className="input input--short"
              inputMode="numeric"
              value={state.timeoutSeconds}
              onChange={(event) => set('timeoutSeconds', event.target.value)}
            />
          )}
        </Field>
      </div>
    </details>
  );
}
