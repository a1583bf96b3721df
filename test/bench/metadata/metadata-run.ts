import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../../main/core/domain/audit';
import { DEFAULT_AUDIT_LIMIT } from '../../../main/core/audit/audit-log';
import { openConfStore, storeFilePath } from '../../../main/core/store/conf-store';
import type { StoreData } from '../../../main/core/store/schema';
import { bigStoreData } from '../planner/big-catalog';
import { seededRandom } from '../scheduler/due-times';
import { median, nowMs } from '../support/stats';
import { writeDurably } from './durable-write';

export interface MetadataRun extends Record<string, number> {
  fileBytes: number;
  /** One section written through the conf store, as Catalog.flushNow does for each dirty section. */
  confSetMs: number;
  /** The whole file serialised and written durably (temp file, fsync, rename): the floor for a whole-file store. */
  durableWriteMs: number;
  /** A small file holding one in-flight marker, written durably. */
  markerWriteMs: number;
}

export interface ProfileShape {
  connections: number;
  /** Token records per connection: one per renewal, as none is ever pruned. */
  tokensPerConnection: number;
}

/** A profile of that shape with the audit log full (it is, after a few hours of renewals at this scale). */
function profile(shape: ProfileShape, now: number): StoreData {
  const data = bigStoreData(shape.connections, now, seededRandom(shape.connections));
  for (const token of Object.values(data.tokens)) {
    for (let older = 1; older < shape.tokensPerConnection; older++) {
      const id = `${token.id}-${older}`;
      data.tokens[id] = { ...token, id, status: 'renewed', issuedAt: token.issuedAt - older * 2_400_000 };
    }
  }
  const connectionIds = Object.keys(data.connections);
  data.audit = Array.from({ length: DEFAULT_AUDIT_LIMIT }, (_, index): AuditEntry => {
    const connectionId = connectionIds[index % connectionIds.length]!;
    return {
      id: `audit-${index}`,
      at: now - (DEFAULT_AUDIT_LIMIT - index) * 1000,
      action: 'renewed',
      outcome: 'ok',
      partnerId: data.connections[connectionId]!.partnerId,
      connectionId,
      httpStatus: 200,
      fingerprint: index.toString(16).padStart(12, '0'),
      message: 'Renewed.',
    };
  });
  return data;
}

export async function runMetadataWrites(shape: ProfileShape, repetitions: number): Promise<MetadataRun> {
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-bench-metadata-'));
  try {
    const data = profile(shape, Date.now());
    const path = storeFilePath({ directory });
    const text = JSON.stringify(data, undefined, '\t');
    await writeFile(path, text, { mode: 0o600 });
    const store = openConfStore({ directory });
    const confSet: number[] = [];
    const durable: number[] = [];
    const marker: number[] = [];
    const markerText = JSON.stringify({
      [Object.keys(data.connections)[0]!]: { startedAt: 1, refreshFingerprint: 'abc' },
    });
    for (let run = 0; run < repetitions; run++) {
      let started = nowMs();
      store.set('states', data.states);
      confSet.push(nowMs() - started);
      started = nowMs();
      writeDurably(join(directory, 'copy.json'), JSON.stringify(data, undefined, '\t'));
      durable.push(nowMs() - started);
      started = nowMs();
      writeDurably(join(directory, 'in-flight.json'), markerText);
      marker.push(nowMs() - started);
    }
    return {
      fileBytes: statSync(path).size,
      confSetMs: median(confSet),
      durableWriteMs: median(durable),
      markerWriteMs: median(marker),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
