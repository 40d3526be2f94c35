/** The human-readable report: one table row per run, a finding line, where the loss happens, then what needs attention. */
import { verdicts as pairVerdicts } from './compare';
import { Capacity, Report, RoundMetrics, Run, Spread, Verdict, formatError } from './types';

export interface MarkdownOptions {
  /** A paragraph under the title, e.g. where the logs come from. */
  note?: string;
  /** Chart files relative to the report: the comparison and one per run (by `chartKey`). */
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

/** `5000.0 (4900.0–5100.0)`: a median with its min–max over runs. */
const fmtSpread = (s: Spread | null) => (s === null ? '–' : `${fmtEps(s.median)} (${fmtEps(s.min)}–${fmtEps(s.max)})`);

/** The charts of one run: the variant for a one-run variant, `variant (run k)` for each run of a repeated one. */
export const chartKey = (variant: string, repeat?: number) => (repeat === undefined ? variant : `${variant} (run ${repeat})`);

/** A variant run several times: medians, and min–max over runs where the spread is the point. */
function repeatedRow(run: Run, name: string): string {
  const k = run.knee;
  const s = run.spread;
  const cap = run.capacity ? `${run.capacity.trustworthy ? '' : '≈'}${fmtSpread(s.capacity)}` : fmtCapacity(null, run.capacityNote);
  return [
    name,
    cap,
    `${run.rounds} in ${s.runs} runs`,
    k ? (Number.isInteger(k.round) ? String(k.round) : k.round.toFixed(1)) : 'none',
    k ? fmtSpread(s.kneeEps) : '–',
    k ? fmtPercent(k.success) : '–',
    k ? fmtEps(k.successEps) : '–',
    fmtEps(run.maxSustainedEps),
    run.repeats!.every((r) => r.perRound.every((x) => x.attribution === null)) ? 'unavailable' : fmtSpread(s.maxSustainableEps),
    fmtEps(run.peakDeliveredEps),
    k && k.cpu !== null ? `${k.cpu.toFixed(1)} %` : '–',
  ].reduce((line, cell) => `${line} ${cell} |`, '|');
}

function row(run: Run): string {
  const name = mdEscape(run.variant) + (run.rulesNotLoaded.length > 0 ? ' ⚠ config error' : '');
  if (run.status === 'not-finished') return `| ${name} | not finished | – | – | – | – | – | – | – | – | – |`;
  if (run.repeats) return repeatedRow(run, name);
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

/** Where the kernel part of a run's split comes from (attribution.ts), or null without attribution. */
export function kernelLine(run: Run): string | null {
  if (run.kernelSource === null) return null;
  if (run.kernelSource === 'dropsOpen') return "Kernel part: the action's dropped opens (`dropsOpen`) in each round's window (exact).";
  const estimated = run.perRound.filter((r) => r.attribution?.kernelSource === 'estimate').map((r) => r.round);
  const all = estimated.length === run.perRound.filter((r) => r.attribution !== null).length;
  return (
    `Kernel part: estimated${all ? '' : ` in round${estimated.length === 1 ? '' : 's'} ${estimated.join(', ')}`}: the samples have no ` +
    '`dropsOpen`, so all kernel drops (closes and other syscalls too) capped by the unmatched events stand in; a backlog still ' +
    'in the buffer at the rest point then counts as kernel loss, and the next round makes up for it.'
  );
}

/** One line per pair of variants whose capacities were both measured. */
function verdictLines(list: readonly Verdict[], runs: readonly Run[]): string[] {
  const byName = new Map(runs.map((r) => [r.variant, r]));
  const range = (name: string) => {
    const c = byName.get(name)!.spread.capacity!;
    return c.min === c.max ? fmtEps(c.min) : `${fmtEps(c.min)}–${fmtEps(c.max)}`;
  };
  return list
    .filter((v) => v.overlap !== null)
    .map((v) => {
      const single = v.runsA === 1 || v.runsB === 1 ? ' (one run: no spread measured; `benchmark.repeat` of 2 or more shows whether it is real)' : '';
      const ranges = `${mdEscape(v.a)} ${range(v.a)}, ${mdEscape(v.b)} ${range(v.b)} matches/s`;
      return v.overlap
        ? `- ${mdEscape(v.a)} vs ${mdEscape(v.b)}: the capacity ranges overlap (${ranges}): not a real difference${single}.`
        : `- ${mdEscape(v.a)} vs ${mdEscape(v.b)}: the capacity ranges do not overlap (${ranges}): a real difference${single}.`;
    });
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
  if (report.runs.some((r) => r.repeats)) {
    out.push(
      'A variant run several times (`benchmark.repeat`) has one row of medians over its runs; capacity, knee EPS and max sustainable ' +
        "EPS give their min–max over runs (a run's own capacity range is over its sampled intervals, below).",
      '',
    );
  }
  if (report.runs.length === 0) out.push('No run could be reported.', '');
  else out.push(`**${report.runs.length === 1 ? 'Result' : 'Finding'}:** ${finding(report.runs, report.threshold)}`, '');

  const verdictText = verdictLines(report.verdicts ?? pairVerdicts(report.runs), report.runs);
  if (verdictText.length > 0) {
    out.push(
      '## Is the difference real?',
      '',
      "Two variants' capacities differ for real when their ranges over runs (min–max of the runs' capacities) do not overlap.",
      '',
      ...verdictText,
      '',
    );
  }

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
    const capacityLine = (r: Run) => `Capacity: ${r.capacity ? `${fmtCapacity(r.capacity, r.capacityNote)} matches/s, ` : ''}${mdEscape(r.capacityNote ?? '')}.`;
    for (const r of finished.filter((x) => x.samples > 0)) {
      out.push(`### ${mdEscape(r.variant)}`, '', capacityLine(r), '');
      for (const one of r.repeats ?? [r]) {
        if (r.repeats) out.push(`#### Run ${one.repeat}`, '', capacityLine(one), '');
        const kernel = kernelLine(one);
        if (kernel) out.push(kernel, '');
        out.push(...attributionTable(one), '');
      }
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
      let heading = false;
      for (const one of r.repeats ?? [r]) {
        const key = chartKey(r.variant, r.repeats ? one.repeat : undefined);
        const label = mdEscape(key);
        const chart = options.charts.perRun.get(key);
        if (chart && !heading) out.push(`### ${mdEscape(r.variant)}`, '');
        heading ||= chart !== undefined;
        if (chart) out.push(`![${label}: EPS and loss per round](${chart})`, '');
        const split = options.charts.attribution?.get(key);
        if (split) out.push(`![${label}: where each round's events went](${split})`, '');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
