import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../../main/core/engine/due-queue';
import { seededRandom } from '../../support/seeded-random';

describe('DueQueue', () => {
  it('hands out keys in due order, ties first come first served', () => {
    const queue = new DueQueue();
    queue.set('c', 30);
    queue.set('a', 10);
    queue.set('b', 20);
    queue.set('a2', 10);
    expect([queue.pop(), queue.pop(), queue.pop(), queue.pop(), queue.pop()]).toEqual([
      { key: 'a', dueAt: 10 },
      { key: 'a2', dueAt: 10 },
      { key: 'b', dueAt: 20 },
      { key: 'c', dueAt: 30 },
      undefined,
    ]);
  });

  it('setting a key again replaces its due time instead of adding a second entry', () => {
    const queue = new DueQueue();
    queue.set('a', 10);
    queue.set('b', 20);
    queue.set('a', 30);
    expect(queue.size).toBe(2);
    expect(queue.get('a')).toBe(30);
    expect(queue.peek()).toEqual({ key: 'b', dueAt: 20 });
  });

  it('deleting a key removes it and reports whether it was there', () => {
    const queue = new DueQueue();
    queue.set('a', 10);
    queue.set('b', 20);
    expect(queue.delete('a')).toBe(true);
    expect(queue.delete('a')).toBe(false);
    expect(queue.get('a')).toBeUndefined();
    expect(queue.peek()).toEqual({ key: 'b', dueAt: 20 });
  });

  it('refuses a due time that is not a number', () => {
    expect(() => new DueQueue().set('a', Number.NaN)).toThrow(RangeError);
  });

  it('agrees with a simple reference over thousands of random operations', () => {
    const random = seededRandom(20250115);
    const queue = new DueQueue();
    // The reference: a plain map scanned in full, with the same tie rule (latest set goes last).
    const reference = new Map<string, { dueAt: number; order: number }>();
    let order = 0;
    const referenceHead = () => {
      let head: { key: string; dueAt: number; order: number } | undefined;
      for (const [key, entry] of reference) {
        if (!head || entry.dueAt < head.dueAt || (entry.dueAt === head.dueAt && entry.order < head.order)) {
          head = { key, ...entry };
        }
      }
      return head && { key: head.key, dueAt: head.dueAt };
    };

    for (let step = 0; step < 5_000; step++) {
      const key = `k${Math.floor(random() * 60)}`;
      const roll = random();
      if (roll < 0.55) {
        // Small range of due times, so ties are common.
        const dueAt = Math.floor(random() * 200);
        queue.set(key, dueAt);
        reference.set(key, { dueAt, order: order++ });
      } else if (roll < 0.75) {
        expect(queue.delete(key)).toBe(reference.delete(key));
      } else if (roll < 0.9) {
        const expected = referenceHead();
        if (expected) reference.delete(expected.key);
        expect(queue.pop()).toEqual(expected);
      } else {
        expect(queue.get(key)).toBe(reference.get(key)?.dueAt);
      }
      expect(queue.size).toBe(reference.size);
      expect(queue.peek()).toEqual(referenceHead());
    }
  });
});
