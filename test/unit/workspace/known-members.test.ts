import { describe, expect, it } from 'vitest';
import { KnownMembers } from '../../../main/core/workspace/known-members';

describe("the members an instance knows, naming the workspace's history", () => {
  it('names members by the names it heard last, telling namesakes apart by the start of their id', () => {
    const known = new KnownMembers([
      { id: 'aaaaaaaa-1', displayName: 'Ada' },
      { id: 'gggggggg-1', displayName: 'Grace' },
    ]);
    known.heard({ id: 'bbbbbbbb-2', displayName: 'Ada' });
    expect(known.labels()).toEqual(
      new Map([
        ['aaaaaaaa-1', 'Ada (aaaaaaaa)'],
        ['gggggggg-1', 'Grace'],
        ['bbbbbbbb-2', 'Ada (bbbbbbbb)'],
      ]),
    );
    known.heard({ id: 'bbbbbbbb-2', displayName: 'Ada Lovelace' });
    expect(known.labels().get('aaaaaaaa-1')).toBe('Ada');
    expect(known.labels().get('bbbbbbbb-2')).toBe('Ada Lovelace');
  });

  it('lacks only ids it has neither heard of nor looked for in vain since the last member change', () => {
    const known = new KnownMembers([{ id: 'ada', displayName: 'Ada' }]);
    expect(known.lacksAny(['ada'])).toBe(false);
    expect(known.lacksAny(['ada', 'someone'])).toBe(true);
    known.replace([{ id: 'ada', displayName: 'Ada' }]);
    known.missing(['ada', 'someone']);
    expect(known.lacksAny(['someone'])).toBe(false);
    known.heard({ id: 'grace', displayName: 'Grace' });
    expect(known.lacksAny(['someone'])).toBe(true);
  });
});
