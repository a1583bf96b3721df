/** A table as markdown: the console prints it as it is and RESULTS.md embeds it. */
export interface Table {
  headers: string[];
  rows: string[][];
}

/** One line of the closing summary: a figure, its baseline from the same run, and their ratio. */
export interface SummaryLine {
  benchmark: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  /** "ok", "over", "skipped" or a short word of that kind. */
  verdict: string;
}

export interface BenchSection {
  title: string;
  /** How it was measured, in a few sentences. */
  method: string[];
  tables: Table[];
  /** What the figures say, in a few sentences. */
  findings: string[];
  summary: SummaryLine[];
}

export function renderTable(table: Table): string {
  const widths = table.headers.map((header, column) =>
    Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length), 3),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    line(table.headers),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...table.rows.map(line),
  ].join('\n');
}

export function renderSection(section: BenchSection): string {
  const parts = [`### ${section.title}`, section.method.join(' ')];
  for (const table of section.tables) parts.push(renderTable(table));
  if (section.findings.length > 0) parts.push(section.findings.map((finding) => `- ${finding}`).join('\n'));
  return parts.join('\n\n');
}

export function summaryTable(lines: readonly SummaryLine[]): Table {
  return {
    headers: ['benchmark', 'figure', 'baseline', 'ratio', 'target', 'verdict'],
    rows: lines.map((line) => [
      line.benchmark,
      line.figure,
      line.baseline,
      line.ratio,
      line.target,
      line.verdict,
    ]),
  };
}
