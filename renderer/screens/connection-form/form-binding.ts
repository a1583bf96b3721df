import type { FieldKey } from './connection-fields';
import type { ConnectionFormState, FormMode } from './connection-form-model';

/** What every part of the connection form reads and writes. */
export interface FormBinding {
  state: ConnectionFormState;
  set: <K extends keyof ConnectionFormState>(key: K, value: ConnectionFormState[K]) => void;
  /** One message per field, for the control's description. */
  errors: Partial<Record<FieldKey, string>>;
  visible: Set<FieldKey>;
  required: Set<FieldKey>;
  mode: FormMode;
}
