import type { Partner, PartnerInput } from '../../api/types';

export interface PartnerFormState {
  name: string;
  contactEmail: string;
  notes: string;
  status: 'active' | 'suspended';
}

export const PARTNER_FIELD_LABEL: Record<string, string> = {
  name: 'Name',
  contactEmail: 'Contact e-mail',
  notes: 'Notes',
  status: 'Relationship',
};

export function partnerFormState(partner?: Partner): PartnerFormState {
  return {
    name: partner?.name ?? '',
    contactEmail: partner?.contactEmail ?? '',
    notes: partner?.notes ?? '',
    status: partner?.status ?? 'active',
  };
}

export function partnerInput(state: PartnerFormState): PartnerInput {
  return {
    name: state.name.trim(),
    contactEmail: state.contactEmail.trim(),
    notes: state.notes,
    status: state.status,
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
  return errors;
}
