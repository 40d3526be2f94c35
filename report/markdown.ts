/** The human-readable report: one table row per run, a finding line, where the loss happens, then what needs attention. */
import { Capacity, Report, RoundMetrics, Run, formatError } from './types';

export interface MarkdownOptions {
  /** A paragraph under the title, e.g. where the logs come from. */
  note?: string;
  /** Chart files relative to the report: the comparison and one per run (by variant). */
  charts?: { comparison: string; perRun: ReadonlyMap<string, string>; attribution?: ReadonlyMap<string, string> };
}

/** Escapes what Markdown would read as markup, including the table's `|`. */
export function mdEscape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

export const fmtEps = (x: number | null) => (x === null ? '–' : x.toFixed(1));
export const fmtPercent = (fraction: number, digits = 2) => `${(fraction * 100).toFixed(digits)} %`;
/** The threshold as typed (`1 %`, `0.5 %`), without float noise. */
export const fmtThreshold = (fraction: number) => `${Number((fraction * 100).toFixed(6))} %`;

/** `5000.0 (4990.0–5010.0)`; `≈` when too few intervals back it; why not, when there is none. */
export function fmtCapacity(c: Capacity | null, note: string | null): string {
  if (!c) return note?.startsWith('unavailable') ? 'unavailable' : 'not reached';
  return `${c.trustworthy ? '' : '≈'}${fmtEps(c.eps)} (${fmtEps(c.min)}–${fmtEps(c.max)})`;
}

function row(run: Run): string {
  const name = mdEscape(run.variant) + (run.rulesNotLoaded.length > 0 ? ' ⚠ config error' : '');
  if (run.status === 'not-finished') return `| ${name} | not finished | – | – | – | – | – | – | – | – | – |`;
  const k = run.knee;
  return [
    name,
    fmtCapacity(run.capacity, run.capacityNote),
    String(run.rounds),
    k ? String(k.round) : 'none',
    k ? fmtEps(k.eps) : '–',
    k ? fmtPercent(k.success) : '–',
    k ? fmtEps(k.successEps) : '–',
    fmtEps(run.maxSustainedEps),
    run.perRound.every((r) => r.attribution === null) ? 'unavailable' : fmtEps(run.maxSustainableEps),
    fmtEps(run.peakDeliveredEps),
    k && k.cpu !== null ? `${k.cpu.toFixed(1)} %` : '–',
  ].reduce((line, cell) => `${line} ${cell} |`, '|');
}

const names = (rs: Run[]) => rs.map((r) => mdEscape(r.variant)).join(', ').replace(/, ([^,]*)$/, ' and $1');

/** The capacity headline across variants, when any run measured one. */
function capacityFinding(finished: Run[]): string | null {
  const measured = finished.filter((r) => r.capacity !== null);
  if (measured.length === 0) return null;
  if (finished.length === 1) {
    const c = measured[0].capacity!;
    return `Falco's capacity for these actions: ${fmtEps(c.eps)} matches/s (${fmtEps(c.min)}–${fmtEps(c.max)} over ${c.intervals} saturated intervals${c.trustworthy ? '' : ', too few to trust'}).`;
  }
  const best = Math.max(...measured.map((r) => r.capacity!.eps));
  const leaders = measured.filter((r) => r.capacity!.eps === best);
  let text = `${names(leaders)} ${leaders.length > 1 ? 'have' : 'has'} the highest capacity: ${fmtEps(best)} matches/s`;
  const rest = measured.filter((r) => r.capacity!.eps < best);
  if (rest.length > 0) {
    const next = Math.max(...rest.map((r) => r.capacity!.eps));
    text += ` (next: ${names(rest.filter((r) => r.capacity!.eps === next))}, ${fmtEps(next)} matches/s)`;
  }
  const missing = finished.filter((r) => r.capacity === null);
  if (missing.length > 0) text += `; not measured for ${names(missing)}`;
  return `${text}.`;
}

/** Which variant sustains the most (ties named together), and who delivers most at peak if someone else. */
export function finding(runs: Run[], threshold: number): string {
  const finished = runs.filter((r) => r.status === 'finished');
  if (finished.length === 0) return 'No finished run to compare.';
  const headline = capacityFinding(finished);
  const prefix = headline ? `${headline} ` : '';
  const sustained = finished.filter((r) => r.maxSustainedEps !== null);
  if (finished.length === 1) {
    const [r] = finished;
    const kept = r.maxSustainedEps === null
      ? `No round of ${mdEscape(r.variant)} kept the loss below ${fmtThreshold(threshold)}`
      : `${mdEscape(r.variant)} keeps the loss below ${fmtThreshold(threshold)} up to ${fmtEps(r.maxSustainedEps)} EPS`;
    return `${prefix}${kept}; its peak delivered rate is ${fmtEps(r.peakDeliveredEps)} EPS.`;
  }
  if (sustained.length === 0) return `${prefix}No variant keeps the loss below ${fmtThreshold(threshold)} in any round.`;
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
  return `${prefix}${text}.`;
}

const signed = (n: number) => (n < 0 ? `−${-n}` : String(n));

/** One run's rounds with their attribution. */
function attributionTable(run: Run): string[] {
  const verdict = (r: RoundMetrics) =>
    r.sustainable === null ? '–' : r.sustainable ? 'sustainable' : r.attribution!.backlogged ? (r.loss < run.threshold ? 'backlog hidden by the rest' : 'lossy, backlog') : 'lossy';
  return [
    '| round | EPS | E | M | A | K | Q | lost: kernel | rule miss | still matching | queue | HTTP lost/late | backlog growth in the run | verdict |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...run.perRound.map((r) => {
      const a = r.attribution;
      if (!a) return `| ${r.round} | ${fmtEps(r.throughput)} | ${r.expected} | – | ${r.actual} | – | – | – | – | – | – | – | – | no attribution |`;
      const l = a.loss;
      return `| ${r.round} | ${fmtEps(r.throughput)} | ${a.expected} | ${a.matched} | ${a.delivered} | ${a.kernelDrops} | ${a.queueDrops} | ${signed(l.kernel)} | ${signed(l.ruleMiss)} | ${signed(l.backlog)} | ${signed(l.queue)} | ${signed(l.http)} | ${signed(a.growth)} | ${verdict(r)} |`;
    }),
  ];
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const out: string[] = ['# Falco benchmark report', ''];
  if (options.note) out.push(options.note.trim(), '');
  out.push(
    `Loss threshold ${fmtThreshold(report.threshold)}. Capacity: the rate at which Falco matched the actions' rule while a kernel ` +
      'backlog existed (median, with min–max, over the sampled intervals of backlogged rounds; unavailable without samples of ' +
      "Falco's counters, not reached when the generator never outran Falco, ≈ with too few intervals or within 5 % of the " +
      "generator's own rate). Knee: the first round " +
      'whose loss reaches the threshold; success = 1 − loss at the knee; success EPS = knee EPS × success; max sustained: the ' +
      'highest throughput of a round below the threshold; max sustainable: the same, also without Falco falling behind the ' +
      'generator during the run (no kernel drops, backlog growth at most the threshold); peak delivered: the highest throughput × (1 − loss) of any round. Loss is computed from the alert counts.',
    '',
    '| variant | capacity (matches/s) | rounds | knee round | knee EPS | success % | success EPS | max sustained EPS | max sustainable EPS | peak delivered EPS | CPU at knee |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.runs.map(row),
    '',
  );
  if (report.runs.length === 0) out.push('No run could be reported.', '');
  else out.push(`**${report.runs.length === 1 ? 'Result' : 'Finding'}:** ${finding(report.runs, report.threshold)}`, '');

  const finished = report.runs.filter((r) => r.status === 'finished');
  if (finished.length > 0) {
    out.push('## Where the loss happens', '');
    const unsampled = finished.filter((r) => r.samples === 0);
    if (unsampled.length > 0) {
      out.push(
        `Attribution and capacity are unavailable for ${names(unsampled)}: ${unsampled.length === 1 ? 'its log has' : 'their logs have'} no ` +
          "samples of Falco's counters (runs from before the sampler). Their loss is known only as a whole.",
        '',
      );
    }
    for (const r of finished.filter((x) => x.samples > 0)) {
      out.push(
        `### ${mdEscape(r.variant)}`,
        '',
        `Capacity: ${r.capacity ? `${fmtCapacity(r.capacity, r.capacityNote)} matches/s, ` : ''}${mdEscape(r.capacityNote ?? '')}.`,
        '',
        ...attributionTable(r),
        '',
      );
    }
  }

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
  if (report.skipped.length > 0) {
    out.push('## Inputs skipped (not bench logs)', '', ...report.skipped.map((x) => `- ${mdEscape(x.file)}: ${mdEscape(x.reason)}`), '');
  }
  if (options.charts) {
    out.push('## Charts', '', `![Capacity, max sustained and peak delivered EPS per variant](${options.charts.comparison})`, '');
    for (const r of report.runs) {
      const chart = options.charts.perRun.get(r.variant);
      if (chart) out.push(`### ${mdEscape(r.variant)}`, '', `![${mdEscape(r.variant)}: EPS and loss per round](${chart})`, '');
      const split = options.charts.attribution?.get(r.variant);
      if (split) out.push(`![${mdEscape(r.variant)}: where each round's events went](${split})`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
