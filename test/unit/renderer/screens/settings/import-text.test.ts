import { describe, expect, it } from 'vitest';
import { describeImport } from '../../../../../renderer/screens/settings/import-text';

const nothing = {
  partnersAdded: 0,
  connectionsAdded: 0,
  connectionsRestored: 0,
  needCredentials: 0,
  skipped: [],
};

describe('the sentence an import leaves in the window', () => {
  it('says how many connections a backup gave their secrets back, in singular and plural', () => {
    expect(describeImport({ ...nothing, connectionsRestored: 1 })).toBe(
      'Added 0 partners and 0 connections. Restored the secrets of 1 connection that had none: it renews again.',
    );
    expect(
      describeImport({
        ...nothing,
        connectionsRestored: 3,
        skipped: [{ item: 'Connection 1 "Orders"', reason: 'Acme already has a connection named "Orders".' }],
      }),
    ).toBe(
      'Added 0 partners and 0 connections. Restored the secrets of 3 connections that had none: they renew again. 1 skipped.',
    );
  });

  it('says nothing of restoring when the file restored nothing', () => {
    expect(describeImport({ ...nothing, partnersAdded: 1, connectionsAdded: 2, needCredentials: 2 })).toBe(
      'Added 1 partner and 2 connections. 2 need credentials: select each and use Re-add.',
    );
  });
});
