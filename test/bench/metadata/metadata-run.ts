import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../../main/core/domain/audit';
import { DEFAULT_AUDIT_LIMIT } from '../../../main/core/audit/audit-log';
import type { Catalog } from '../../../main/core/catalog/catalog';
import { openCatalog } from '../../../main/core/catalog/open-catalog';
import { openConfStore, storeFilePath } from '../../../main/core/store/conf-store';
import type { StoreData } from '../../../main/core/store/schema';
import { bigStoreData } from '../planner/big-catalog';
import { seededRandom } from '../scheduler/due-times';
import { median, nowMs } from '../support/stats';
import { writeDurably } from './durable-write';

export interface MetadataRun extends Record<string, number> {
  fileBytes: number;
  /** One renewal made durable the way the engine does it: the in-flight marker's journal line, then the result's. */
  journalRenewalMs: number;
  /** A checkpoint: every section written through the conf store in one write, as CatalogWriter does every minute. */
  checkpointMs: number;
  /** One section written through the conf store: what each of a renewal's four writes cost before the journal. */
  confSetMs: number;
  /** The whole file serialised and written durably (temp file, fsync, rename): the floor for a whole-file store. */
  durableWriteMs: number;
}

export interface ProfileShape {
  connections: number;
  /** Token records per connection: one per renewal, up to the ten the catalog keeps. */
  tokensPerConnection: number;
}

/** A profile of that shape with the audit log full (it is, after a few hours of renewals at this scale), or empty. */
function profile(shape: ProfileShape, now: number, history: 'full' | 'empty'): StoreData {
  const data = bigStoreData(shape.connections, now, seededRandom(shape.connections));
  for (const token of Object.values(data.tokens)) {
    for (let older = 1; older < shape.tokensPerConnection; older++) {
      const id = `${token.id}-${older}`;
      data.tokens[id] = { ...token, id, status: 'renewed', issuedAt: token.issuedAt - older * 2_400_000 };
    }
  }
  const connectionIds = Object.keys(data.connections);
  data.audit = Array.from(
    { length: history === 'full' ? DEFAULT_AUDIT_LIMIT : 0 },
    (_, index): AuditEntry => {
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
    },
  );
  return data;
}

/**
 * `history`: the audit log at its cap or empty. The catalog moves a full one to the history file at
 * start-up, so from then on a checkpoint should cost the same either way.
 */
export async function runMetadataWrites(
  shape: ProfileShape,
  repetitions: number,
  history: 'full' | 'empty' = 'full',
): Promise<MetadataRun> {
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-bench-metadata-'));
  try {
    const data = profile(shape, Date.now(), history);
    const path = storeFilePath({ directory });
    await writeFile(path, JSON.stringify(data, undefined, '\t'), { mode: 0o600 });
    const store = openConfStore({ directory });
    const { catalog } = openCatalog(store);
    const connectionIds = Object.keys(data.connections);
    const journal: number[] = [];
    const checkpoint: number[] = [];
    const confSet: number[] = [];
    const durable: number[] = [];
    for (let run = 0; run < repetitions; run++) {
      let started = nowMs();
      await renewalWrites(catalog, connectionIds[run % connectionIds.length]!, run);
      journal.push(nowMs() - started);
      started = nowMs();
      catalog.checkpointNow();
      checkpoint.push(nowMs() - started);
      started = nowMs();
      store.set('states', data.states);
      confSet.push(nowMs() - started);
      started = nowMs();
      writeDurably(join(directory, 'copy.json'), JSON.stringify(data, undefined, '\t'));
      durable.push(nowMs() - started);
    }
    await catalog.close();
    return {
      fileBytes: statSync(path).size,
      journalRenewalMs: median(journal),
      checkpointMs: median(checkpoint),
      confSetMs: median(confSet),
      durableWriteMs: median(durable),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** What a renewal writes: the in-flight marker (awaited before the request), then its result. */
async function renewalWrites(catalog: Catalog, connectionId: string, run: number): Promise<void> {
  const now = Date.now();
  catalog.updateState(connectionId, {
    phase: 'renewing',
    inFlight: { startedAt: now, refreshFingerprint: 'abc' },
  });
  await catalog.commit();
  const previous = catalog.currentToken(connectionId);
  if (previous) catalog.putToken({ ...previous, status: 'renewed' });
  catalog.putToken({
    ...(previous ?? { connectionId, kind: 'access', status: 'active', fingerprint: 'f' }),
    id: `bench-${run}-${connectionId}`,
    status: 'active',
    issuedAt: now,
    expiresAt: now + 3_600_000,
  });
  catalog.pruneTokens(connectionId);
  catalog.updateState(connectionId, { phase: 'idle', inFlight: null, lastRenewedAt: now });
  const entry: AuditEntry = {
    id: `bench-audit-${run}`,
    at: now,
    action: 'renewed',
    outcome: 'ok',
    connectionId,
  };
  catalog.auditEntries().push(entry);
  catalog.appendedAudit(entry);
  await catalog.commit();
}
