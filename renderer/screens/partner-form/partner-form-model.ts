import type { Partner, PartnerInput } from '../../api/types';
import { certificatesOf } from '../../../main/core/domain/pem-text';

export interface PartnerFormState {
  name: string;
  contactEmail: string;
  notes: string;
  status: 'active' | 'suspended';
  /** The partner's own network needs: each overrides Settings → Network. */
  bypassProxy: boolean;
  extraCaPem: string;
  /** Whole seconds; empty for the timeout in Settings. */
  timeoutSeconds: string;
}

export const PARTNER_FIELD_LABEL: Record<string, string> = {
  name: 'Name',
  contactEmail: 'Contact e-mail',
  notes: 'Notes',
  status: 'Relationship',
  'network.bypassProxy': 'Reach this partner without the proxy',
  'network.extraCaPem': "The partner's CA certificates (PEM)",
  'network.timeoutSeconds': 'Request timeout (seconds)',
};

export function partnerFormState(partner?: Partner): PartnerFormState {
  return {
    name: partner?.name ?? '',
    contactEmail: partner?.contactEmail ?? '',
    notes: partner?.notes ?? '',
    status: partner?.status ?? 'active',
    bypassProxy: partner?.network?.bypassProxy ?? false,
    extraCaPem: partner?.network?.extraCaPem ?? '',
    timeoutSeconds: partner?.network?.timeoutSeconds ? String(partner.network.timeoutSeconds) : '',
  };
}

export function partnerInput(state: PartnerFormState): PartnerInput {
  return {
    name: state.name.trim(),
    contactEmail: state.contactEmail.trim(),
    notes: state.notes,
    status: state.status,
    network: {
      bypassProxy: state.bypassProxy,
      extraCaPem: state.extraCaPem.trim() || null,
      timeoutSeconds: state.timeoutSeconds.trim() === '' ? null : Number(state.timeoutSeconds.trim()),
    },
  };
}

/** The obvious mistakes, caught before a round trip; the host checks everything again. */
export function checkPartnerForm(state: PartnerFormState): Record<string, string> {
  const errors: Record<string, string> = {};
  if (state.name.trim() === '') errors.name = 'Name is required';
  else if (state.name.trim().length > 200) errors.name = 'Name is too long (200 characters at most)';
  const email = state.contactEmail.trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    errors.contactEmail = 'Enter a valid e-mail address, or leave it empty';
  }
  if (state.notes.length > 5000) errors.notes = 'Notes are too long (5000 characters at most)';
  // The host parses each certificate; here only the shape, so a paste of the wrong thing is caught at once.
  if (state.extraCaPem.trim() !== '' && certificatesOf(state.extraCaPem).length === 0) {
    errors['network.extraCaPem'] = 'Paste PEM certificates (-----BEGIN CERTIFICATE----- …)';
  }
  const timeout = state.timeoutSeconds.trim();
  if (
    timeout !== '' &&
    !(Number.isInteger(Number(timeout)) && Number(timeout) >= 1 && Number(timeout) <= 300)
  ) {
    errors['network.timeoutSeconds'] = 'Whole seconds from 1 to 300, or empty for the timeout in Settings';
  }
  return errors;
}
