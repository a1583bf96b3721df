import { formatBytes, formatCount, formatMs, formatRatio } from '../support/format';
import type { BenchSection } from '../support/report';
import type { MetadataRun, ProfileShape } from './metadata-run';
import { runMetadataWrites } from './metadata-run';

/** Section writes per renewal today: Catalog.flushNow after the in-flight marker and after the result, one conf.set per dirty section. */
export const SECTION_WRITES_PER_RENEWAL = 4;
/** Hour-long tokens renewed at two thirds of their life: 36 renewals a day, each adding a token record. */
const RENEWALS_PER_DAY = 36;

export interface MetadataBenchOptions {
  sizes: number[];
  /** The size also measured as it is after a day of renewals. */
  dayLaterSize: number;
  repetitions: number;
}

export async function metadataBench(
  options: MetadataBenchOptions,
  log: (line: string) => void,
): Promise<BenchSection> {
  const shapes: ProfileShape[] = [
    ...options.sizes.map((connections) => ({ connections, tokensPerConnection: 1 })),
    { connections: options.dayLaterSize, tokensPerConnection: 1 + RENEWALS_PER_DAY },
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
  const renewalBudgetMs = (run: MetadataRun) => SECTION_WRITES_PER_RENEWAL * run.confSetMs;
  return {
    title: 'Metadata file writes',
    method: [
      'The engine makes a renewal durable by writing the metadata file (Catalog.flushNow: one conf.set per dirty',
      `section, ${SECTION_WRITES_PER_RENEWAL} per renewal as measured above), and conf rewrites the whole file each time.`,
      'Profiles of several sizes with the audit log full (10,000 entries, reached within hours at this scale) are written',
      `through the conf store (one section, medians of ${options.repetitions}). Baselines: the same file serialised and`,
      'written durably by hand (temp file, fsync, rename), and a small file holding only an in-flight marker.',
    ],
    tables: [
      {
        headers: [
          'profile',
          'file',
          'conf.set',
          'durable write',
          'conf ÷ durable',
          'marker file',
          'per renewal today',
        ],
        rows: results.map(({ shape, run }) => [
          name(shape),
          formatBytes(run.fileBytes),
          formatMs(run.confSetMs),
          formatMs(run.durableWriteMs),
          formatRatio(run.confSetMs / run.durableWriteMs),
          formatMs(run.markerWriteMs),
          formatMs(renewalBudgetMs(run)),
        ]),
      },
    ],
    findings: [
      `At ${formatCount(options.dayLaterSize)} connections a renewal spends about ${formatMs(renewalBudgetMs(fresh.run))} ` +
        'of main-thread time rewriting the metadata file; a bare renewal request takes a few milliseconds (Renewal throughput).',
      'conf reads and parses the whole file twice on every set (to keep its internal key) before it serialises and ' +
        `writes it: ${formatRatio(fresh.run.confSetMs / fresh.run.durableWriteMs)} the cost of a plain durable write.`,
      'Superseded token records are never pruned: each renewal adds one. After a day of hour-long tokens the file ' +
        `holds ${formatCount(dayLater.shape.connections * dayLater.shape.tokensPerConnection)} token records ` +
        `(${formatBytes(dayLater.run.fileBytes)}) and a renewal costs ${formatMs(renewalBudgetMs(dayLater.run))}: ` +
        `${formatCount(dayLater.shape.connections)} renewals every 40 minutes would need ` +
        `${formatMs(dayLater.shape.connections * renewalBudgetMs(dayLater.run))}, so the engine falls behind within a day.`,
    ],
    summary: [
      {
        benchmark: `Metadata: one section write (${formatCount(fresh.shape.connections)})`,
        figure: formatMs(fresh.run.confSetMs),
        baseline: `${formatMs(fresh.run.durableWriteMs)} (durable write)`,
        ratio: formatRatio(fresh.run.confSetMs / fresh.run.durableWriteMs),
        target: 'printed',
        verdict: `${formatMs(renewalBudgetMs(fresh.run))}/renewal`,
      },
      {
        benchmark: `Metadata: one section write, a day later (${formatCount(dayLater.shape.connections)})`,
        figure: formatMs(dayLater.run.confSetMs),
        baseline: `${formatMs(fresh.run.confSetMs)} (fresh profile)`,
        ratio: formatRatio(dayLater.run.confSetMs / fresh.run.confSetMs),
        target: 'bounded',
        verdict: 'grows without bound',
      },
    ],
  };
}
