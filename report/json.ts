/**
 * The machine-readable report (contract in docs/report.md). Rounding keeps float noise such as
 * 10013.599999999999 out of users' diffs: EPS to 0.01, fractions to 1e-6, CPU to 0.01 percent points.
 */
import { Report, Run, Spread } from './types';

const round = (x: number, digits: number) => Number(x.toFixed(digits));
const rn = (x: number | null, digits: number) => (x === null ? null : round(x, digits));
const spread = (s: Spread | null) => s && { median: round(s.median, 2), min: round(s.min, 2), max: round(s.max, 2), n: s.n };

export function runJson(run: Run): Record<string, unknown> {
  return {
    file: run.file,
    ...(run.pod === undefined ? {} : { pod: run.pod }),
    variant: run.variant,
    status: run.status,
    rounds: run.rounds,
    threshold: round(run.threshold, 6),
    knee: run.knee && {
      round: run.knee.round,
      eps: round(run.knee.eps, 2),
      success: round(run.knee.success, 6),
      successEps: round(run.knee.successEps, 2),
      cpu: rn(run.knee.cpu, 2),
    },
    maxSustainedEps: rn(run.maxSustainedEps, 2),
    maxSustainableEps: rn(run.maxSustainableEps, 2),
    peakDeliveredEps: rn(run.peakDeliveredEps, 2),
    capacity: run.capacity && {
      eps: round(run.capacity.eps, 2),
      min: round(run.capacity.min, 2),
      max: round(run.capacity.max, 2),
      intervals: run.capacity.intervals,
      rounds: run.capacity.rounds,
      generatorEps: round(run.capacity.generatorEps, 2),
      trustworthy: run.capacity.trustworthy,
    },
    capacityNote: run.capacityNote,
    samples: run.samples,
    perRound: run.perRound.map((r) => ({
      round: r.round,
      sleep: r.sleep,
      sleepNs: r.sleepNs,
      expected: r.expected,
      actual: r.actual,
      loss: round(r.loss, 6),
      throughput: round(r.throughput, 2),
      delivered: round(r.delivered, 2),
      cpu: rn(r.cpu, 2),
      resMem: rn(r.resMem, 0),
      virtMem: rn(r.virtMem, 0),
      attribution: r.attribution,
      sustainable: r.sustainable,
    })),
    rulesNotLoaded: run.rulesNotLoaded,
    warnings: run.warnings,
    kernelSource: run.kernelSource,
    spread: {
      runs: run.spread.runs,
      capacity: spread(run.spread.capacity),
      kneeEps: spread(run.spread.kneeEps),
      maxSustainableEps: spread(run.spread.maxSustainableEps),
    },
    ...(run.repeats === undefined ? {} : { repeats: run.repeats.map((r) => ({ repeat: r.repeat, ...runJson(r) })) }),
  };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify({ runs: report.runs.map(runJson), verdicts: report.verdicts ?? [], errors: report.errors, skipped: report.skipped }, null, 2)}\n`;
}
