import { describe, expect, it } from 'vitest';
import { formFieldErrors } from '../../../../renderer/api/field-errors';

describe('field errors from the host', () => {
  it('puts argument-indexed errors on the form fields they belong to', () => {
    expect(
      formFieldErrors('addConnection', {
        '0.endpoint': 'Use https://',
        '1.refreshToken': 'Required for this dialect',
      }),
    ).toEqual({ endpoint: 'Use https://', 'secrets.refreshToken': 'Required for this dialect' });
  });

  it('leaves errors the host already named by field as they are', () => {
    expect(
      formFieldErrors('updateConnection', {
        'settings.partnerIdHeader': 'Too big',
        'secrets.clientSecret': 'Required',
      }),
    ).toEqual({ 'settings.partnerIdHeader': 'Too big', 'secrets.clientSecret': 'Required' });
  });

  it('names a bare argument by its role in the form', () => {
    expect(formFieldErrors('replaceManualToken', { '1': 'Paste the token' })).toEqual({
      token: 'Paste the token',
    });
  });
});
