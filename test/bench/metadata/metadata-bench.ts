import { DEFAULT_AUDIT_LIMIT } from '../../../main/core/audit/audit-log';
import { TOKENS_KEPT_PER_CONNECTION } from '../../../main/core/catalog/catalog';
import { CHECKPOINT_AFTER_BYTES, CHECKPOINT_AFTER_MS } from '../../../main/core/catalog/catalog-writer';
import { formatBytes, formatCount, formatMs, formatRatio, formatShare } from '../support/format';
import type { BenchSection } from '../support/report';
import type { MetadataRun, ProfileShape } from './metadata-run';
import { runMetadataWrites } from './metadata-run';

/** Whole-file writes per renewal before the journal: Catalog.flushNow after the marker and after the result, one conf.set per dirty section. */
export const SECTION_WRITES_PER_RENEWAL_BEFORE = 4;

export interface MetadataBenchOptions {
  sizes: number[];
  /** The size also measured as it is after a day of renewals (every connection at its ten kept tokens). */
  dayLaterSize: number;
  repetitions: number;
}

export async function metadataBench(
  options: MetadataBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  const shapes: ProfileShape[] = [
    ...options.sizes.map((connections) => ({ connections, tokensPerConnection: 1 })),
    { connections: options.dayLaterSize, tokensPerConnection: TOKENS_KEPT_PER_CONNECTION },
  ].sort((a, b) => a.connections - b.connections || a.tokensPerConnection - b.tokensPerConnection);
  const results: Array<{ shape: ProfileShape; run: MetadataRun }> = [];
  for (const shape of shapes) {
    results.push({ shape, run: await runMetadataWrites(shape, options.repetitions) });
    log(
      `  metadata: ${formatCount(shape.connections)} connections × ${shape.tokensPerConnection} tokens done`,
    );
  }
  const name = (shape: ProfileShape) =>
    `${formatCount(shape.connections)} connections` +
    (shape.tokensPerConnection > 1
      ? `, a day later (${formatCount(shape.connections * shape.tokensPerConnection)} token records)`
      : '');
  const fresh = results.find(
    (r) => r.shape.connections === options.dayLaterSize && r.shape.tokensPerConnection === 1,
  )!;
  const dayLater = results.find((r) => r.shape.tokensPerConnection > 1)!;
  // The same profile with no history: a checkpoint must not cost more because the history is full.
  const noHistory = await runMetadataWrites(fresh.shape, options.repetitions, 'empty');
  log(`  metadata: ${formatCount(fresh.shape.connections)} connections without history done`);
  const historyRatio = fresh.run.checkpointMs / noHistory.checkpointMs;
  const before = (run: MetadataRun) => SECTION_WRITES_PER_RENEWAL_BEFORE * run.confSetMs;
  const checkpointShare = (run: MetadataRun) => run.checkpointMs / CHECKPOINT_AFTER_MS;
  return {
    title: 'Metadata writes',
    method: [
      'A renewal is made durable as two journal lines (CatalogWriter and StoreJournal: append, fdatasync): the in-flight',
      'marker, awaited before the request goes out, and the result. The metadata file, which conf and electron-store',
      `rewrite whole, is written at checkpoints: every ${CHECKPOINT_AFTER_MS / 1000} s while changes come in, past ${CHECKPOINT_AFTER_BYTES / 1024 / 1024} MiB`,
      'of journal, and on stop. Profiles of several sizes with the audit log full (10,000 entries) are measured through',
      `the real catalog on disk, medians of ${options.repetitions}: one renewal's two journal commits (wall time, fsyncs`,
      'included), then a checkpoint. Baseline: how a renewal was made durable before the journal, four whole-file',
      `conf.set writes (${SECTION_WRITES_PER_RENEWAL_BEFORE} × one section, measured here), and the floor of any`,
      'whole-file store (the file serialised, written to a temp file, fsynced and renamed).',
    ],
    tables: [
      {
        headers: [
          'profile',
          'file',
          'renewal: journal',
          'renewal before: 4 × conf.set',
          'journal ÷ before',
          'checkpoint',
          'durable whole-file write',
          'checkpoints: main thread',
        ],
        rows: results.map(({ shape, run }) => [
          name(shape),
          formatBytes(run.fileBytes),
          formatMs(run.journalRenewalMs),
          formatMs(before(run)),
          formatRatio(run.journalRenewalMs / before(run)),
          formatMs(run.checkpointMs),
          formatMs(run.durableWriteMs),
          formatShare(checkpointShare(run)),
        ]),
      },
    ],
    findings: [
      `At ${formatCount(options.dayLaterSize)} connections a renewal's writes take ${formatMs(fresh.run.journalRenewalMs)} ` +
        `(two synced journal lines) where four whole-file writes took ${formatMs(before(fresh.run))}; the cost no longer ` +
        'grows with the profile.',
      `A checkpoint costs ${formatMs(fresh.run.checkpointMs)} at ${formatCount(options.dayLaterSize)} connections ` +
        `(${formatMs(dayLater.run.checkpointMs)} a day later), at most once every ${CHECKPOINT_AFTER_MS / 1000} s: ` +
        `${formatShare(checkpointShare(dayLater.run))} of the main thread while renewals run.`,
      `With the history at its cap (${formatCount(DEFAULT_AUDIT_LIMIT)} entries) a checkpoint takes ` +
        `${formatMs(fresh.run.checkpointMs)}; with no history ${formatMs(noHistory.checkpointMs)} ` +
        `(${formatRatio(historyRatio)}): the history has a file of its own and a checkpoint appends only what is new.`,
      `Token records are pruned to ${TOKENS_KEPT_PER_CONNECTION} per connection, so the file a day later is bounded ` +
        `(${formatBytes(dayLater.run.fileBytes)} at ${formatCount(dayLater.shape.connections)} connections).`,
    ],
    summary: [
      {
        benchmark: `Metadata: one renewal's writes (${formatCount(fresh.shape.connections)})`,
        figure: formatMs(fresh.run.journalRenewalMs),
        baseline: `${formatMs(before(fresh.run))} (4 × conf.set)`,
        ratio: formatRatio(fresh.run.journalRenewalMs / before(fresh.run)),
        target: 'independent of size',
        verdict: 'journal',
      },
      {
        benchmark: `Metadata: checkpoint, history at its cap vs empty (${formatCount(fresh.shape.connections)})`,
        figure: formatMs(fresh.run.checkpointMs),
        baseline: `${formatMs(noHistory.checkpointMs)} (no history)`,
        ratio: formatRatio(historyRatio),
        target: '≤ 1.2×',
        verdict: historyRatio <= 1.2 ? 'ok' : 'over target',
      },
      {
        benchmark: `Metadata: checkpoint, a day later (${formatCount(dayLater.shape.connections)})`,
        figure: formatMs(dayLater.run.checkpointMs),
        baseline: `${formatMs(dayLater.run.durableWriteMs)} (durable whole-file write)`,
        ratio: formatRatio(dayLater.run.checkpointMs / dayLater.run.durableWriteMs),
        target: 'bounded',
        verdict: `${formatShare(checkpointShare(dayLater.run))} of main thread`,
      },
    ],
  };
}
