import { describe, expect, it } from 'vitest';
import { fillTemplate, hasStrayBraces, placeholdersIn } from '../../../main/core/dialects/template';

describe('templates', () => {
  it('lists each placeholder once, spaces inside the braces allowed', () => {
    expect(placeholdersIn('{{clientId}}:{{ clientSecret }}:{{clientId}}')).toEqual([
      'clientId',
      'clientSecret',
    ]);
  });

  it('fills text templates and keeps a lone placeholder typed', () => {
    expect(fillTemplate('Bearer {{accessToken}}', { accessToken: 'abc' })).toBe('Bearer abc');
    expect(fillTemplate('{{partnerIdHeader}}', { partnerIdHeader: 42 })).toBe(42);
  });

  it('gives nothing when a placeholder has no value, or an empty one', () => {
    expect(fillTemplate('scope={{scope}}', {})).toBeUndefined();
    expect(fillTemplate('{{scope}}', { scope: '' })).toBeUndefined();
  });

  it('spots braces that are not a placeholder', () => {
    expect(hasStrayBraces('{{refreshToken}')).toBe(true);
    expect(hasStrayBraces('{{client id}}')).toBe(true);
    expect(hasStrayBraces('{"a": 1} {{refreshToken}}')).toBe(false);
  });
});
