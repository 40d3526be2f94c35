/** The human-readable report: one table row per run, a finding line, then what needs attention. */
import { Report, Run, formatError } from './types';

export interface MarkdownOptions {
  /** A paragraph under the title, e.g. where the logs come from. */
  note?: string;
  /** Chart files relative to the report: the comparison and one per run (by variant). */
  charts?: { comparison: string; perRun: ReadonlyMap<string, string> };
}

/** Escapes what Markdown would read as markup, including the table's `|`. */
export function mdEscape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

export const fmtEps = (x: number | null) => (x === null ? '–' : x.toFixed(1));
export const fmtPercent = (fraction: number, digits = 2) => `${(fraction * 100).toFixed(digits)} %`;
/** The threshold as typed (`1 %`, `0.5 %`), without float noise. */
export const fmtThreshold = (fraction: number) => `${Number((fraction * 100).toFixed(6))} %`;

function row(run: Run): string {
  const name = mdEscape(run.variant) + (run.rulesNotLoaded.length > 0 ? ' ⚠ config error' : '');
  if (run.status === 'not-finished') return `| ${name} | not finished | – | – | – | – | – | – | – |`;
  const k = run.knee;
  return [
    name,
    String(run.rounds),
    k ? String(k.round) : 'none',
    k ? fmtEps(k.eps) : '–',
    k ? fmtPercent(k.success) : '–',
    k ? fmtEps(k.successEps) : '–',
    fmtEps(run.maxSustainedEps),
    fmtEps(run.peakDeliveredEps),
    k && k.cpu !== null ? `${k.cpu.toFixed(1)} %` : '–',
  ].reduce((line, cell) => `${line} ${cell} |`, '|');
}

/** Which variant sustains the most (ties named together), and who delivers most at peak if someone else. */
export function finding(runs: Run[], threshold: number): string {
  const finished = runs.filter((r) => r.status === 'finished');
  if (finished.length === 0) return 'No finished run to compare.';
  const names = (rs: Run[]) => rs.map((r) => mdEscape(r.variant)).join(', ').replace(/, ([^,]*)$/, ' and $1');
  const sustained = finished.filter((r) => r.maxSustainedEps !== null);
  if (sustained.length === 0) return `No variant keeps the loss below ${fmtThreshold(threshold)} in any round.`;
  const best = Math.max(...sustained.map((r) => r.maxSustainedEps!));
  const leaders = sustained.filter((r) => r.maxSustainedEps === best);
  let text = `${names(leaders)} ${leaders.length > 1 ? 'sustain' : 'sustains'} the most: ${fmtEps(best)} EPS with loss below ${fmtThreshold(threshold)}`;
  const rest = sustained.filter((r) => r.maxSustainedEps! < best);
  if (rest.length > 0) {
    const next = Math.max(...rest.map((r) => r.maxSustainedEps!));
    text += ` (next: ${names(rest.filter((r) => r.maxSustainedEps === next))}, ${fmtEps(next)} EPS)`;
  }
  const peak = Math.max(...finished.map((r) => r.peakDeliveredEps!));
  const peakLeaders = finished.filter((r) => r.peakDeliveredEps === peak);
  if (!peakLeaders.some((r) => leaders.includes(r))) {
    text += `; the highest peak delivered rate is ${names(peakLeaders)}'s, ${fmtEps(peak)} EPS`;
  }
  return `${text}.`;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const out: string[] = ['# Falco benchmark report', ''];
  if (options.note) out.push(options.note.trim(), '');
  out.push(
    `Loss threshold ${fmtThreshold(report.threshold)}. Knee: the first round whose loss reaches the threshold; success = 1 − loss ` +
      'at the knee; success EPS = knee EPS × success; max sustained: the highest throughput of a round below the threshold; ' +
      'peak delivered: the highest throughput × (1 − loss) of any round. Loss is computed from the alert counts.',
    '',
    '| variant | rounds | knee round | knee EPS | success % | success EPS | max sustained EPS | peak delivered EPS | CPU at knee |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.runs.map(row),
    '',
  );
  if (report.runs.length === 0) out.push('No run could be reported.', '');
  else out.push(`**Finding:** ${finding(report.runs, report.threshold)}`, '');

  const misconfigured = report.runs.filter((r) => r.rulesNotLoaded.length > 0);
  if (misconfigured.length > 0) {
    out.push('## ⚠ Configuration errors', '');
    for (const r of misconfigured) {
      out.push(
        `- **${mdEscape(r.variant)}**: ${r.rulesNotLoaded.map(mdEscape).join(', ')} had actual=0 in every round: ` +
          'the Falco rule is not loaded. These actions are left out of expected/actual, not counted as loss.',
      );
    }
    out.push('');
  }
  const warned = report.runs.flatMap((r) =>
    r.warnings.filter((w) => !w.startsWith('configuration error:')).map((w) => `- ${mdEscape(r.variant)}: ${mdEscape(w)}`),
  );
  if (warned.length > 0) out.push('## Warnings', '', ...warned, '');
  if (report.errors.length > 0) {
    out.push('## Inputs not reported', '', ...report.errors.map((e) => `- ${mdEscape(formatError(e))}`), '');
  }
  if (options.charts) {
    out.push('## Charts', '', `![Max sustained and peak delivered EPS per variant](${options.charts.comparison})`, '');
    for (const r of report.runs) {
      const chart = options.charts.perRun.get(r.variant);
      if (chart) out.push(`### ${mdEscape(r.variant)}`, '', `![${mdEscape(r.variant)}: EPS and loss per round](${chart})`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
