import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { BenchSection, SummaryLine } from './report';
import { renderSection, renderTable, summaryTable } from './report';

/** The machine the figures come from: they mean little without it. */
export function machineLine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  return `${cores.length} cores (${model}), Node ${process.version}, ${process.platform}`;
}

/** RESULTS.md: the snippet the README's performance section takes, formatted as the repository's Prettier wants. */
export async function resultsMarkdown(
  sections: readonly BenchSection[],
  summary: readonly SummaryLine[],
): Promise<string> {
  const date = new Date().toISOString().slice(0, 10);
  const markdown = [
    '## Performance',
    `Measured by \`npm run bench\` on ${date}; machine: ${machineLine()}, shared with other work, so every figure is a median and each comes with its ratio to a baseline measured in the same run.`,
    renderTable(summaryTable(summary)),
    ...sections.map(renderSection),
  ].join('\n\n');
  const path = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
  return format(markdown, { ...(await resolveConfig(path)), parser: 'markdown' });
}
