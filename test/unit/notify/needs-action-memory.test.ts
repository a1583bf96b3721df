import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../main/core/view/connection-status';
import { NeedsActionMemory } from '../../../main/core/notify/needs-action-memory';

describe('needs-action notifications', () => {
  it('tell once per episode, however often a renewal is refused again', () => {
    const memory = new NeedsActionMemory();
    expect(memory.shouldNotify('c1')).toBe(true);
    for (const status of ['renewing', 'needsAction', 'retrying'] as ConnectionStatus[]) {
      memory.forgetRecovered(() => status);
      expect(memory.shouldNotify('c1')).toBe(false);
    }
  });

  it('tell again after the connection recovered and failed anew', () => {
    const memory = new NeedsActionMemory();
    memory.shouldNotify('c1');
    memory.forgetRecovered(() => 'healthy');
    expect(memory.remembered).toBe(0);
    expect(memory.shouldNotify('c1')).toBe(true);
  });

  it('forget a connection that was removed', () => {
    const memory = new NeedsActionMemory();
    memory.shouldNotify('c1');
    memory.shouldNotify('c2');
    memory.forgetRecovered((id) => (id === 'c1' ? null : 'needsAction'));
    expect(memory.shouldNotify('c1')).toBe(true);
    expect(memory.shouldNotify('c2')).toBe(false);
  });
});
