/**
 * `npm run report -- [options] <log files...>`: event-generator bench logs -> table, JSON and charts.
 * Every input is reported on its own: a bad file is a one-line error on stderr and a non-zero exit, while
 * the other inputs still make it into the report. Usage and definitions: docs/report.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARK_NAMESPACE, BENCHMARK_ROLE_LABEL } from '../contract/naming';
import { BenchmarkCluster, FetchedVariant, fetchBenchmarkLogs, kubeconfigFromCdktfOutputs, podId } from './cluster';
import { renderJson } from './json';
import { KubeAccess, connectCluster } from './kube';
import { renderMarkdown } from './markdown';
import { computeRun, notFinishedRun } from './metrics';
import { parseLog } from './parse';
import { comparisonChart, runChart } from './svg';
import { InputError, Report, Result, Run, formatError } from './types';
import { fileSafe, uniqueNames, variantFromFileName } from './variant';

export const USAGE = `usage: npm run report -- [options] <log files...>

Reads event-generator bench logs (text or --logformat json, humanized or not) and reports, per run, the knee,
the max sustained and the peak delivered EPS.

options:
  --format markdown|json  what to print on stdout (default markdown)
  --out DIR               also write DIR/report.md, DIR/report.json, one SVG chart per run and comparison.svg
                          (and DIR/logs/<variant>.log for logs fetched from the cluster)
  --threshold PERCENT     loss threshold of the knee and of "sustained" (default 1)
  --variant NAME          variant name of the single log file given (default: from the file name)
  --note TEXT             a paragraph under the report's title (e.g. where the logs come from)
  --from-cluster          read the logs of the benchmark Job pods (namespace ${BENCHMARK_NAMESPACE},
                          label ${BENCHMARK_ROLE_LABEL.key}=${BENCHMARK_ROLE_LABEL.value})
  --kubeconfig FILE       kubeconfig for --from-cluster (default: KUBECONFIG or ~/.kube/config)
  --context NAME          kubeconfig context for --from-cluster (default: the current one)
  --cdktf-outputs FILE    take the kubeconfig from a cdktf --outputs-file (with sensitive outputs)
  -h, --help              this text
`;

export interface Io {
  /** Report text (stdout). */
  stdout(text: string): void;
  /** One line of progress, warning or error (stderr). */
  stderr(line: string): void;
  /** Opens the cluster; tests pass a fake. */
  connect?(access: KubeAccess): Promise<BenchmarkCluster>;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

interface Options {
  format: 'markdown' | 'json';
  out?: string;
  threshold: number;
  variant?: string;
  note?: string;
  fromCluster: boolean;
  access: KubeAccess;
  cdktfOutputs?: string;
  files: string[];
}

/** The options, or a usage error message. */
export function parseOptions(argv: string[]): Options | 'help' | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        threshold: { type: 'string' },
        variant: { type: 'string' },
        note: { type: 'string' },
        'from-cluster': { type: 'boolean' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        'cdktf-outputs': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const format = v.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') return `--format must be markdown or json, not ${format}`;
  const t = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*%?\s*$/.exec(v.threshold ?? '1');
  const threshold = t ? Number(t[1]) : NaN;
  if (!(threshold > 0 && threshold <= 100)) return `--threshold must be a percentage above 0 and at most 100, not ${v.threshold}`;
  const files = parsed.positionals;
  const fromCluster = v['from-cluster'] ?? false;
  if (files.length === 0 && !fromCluster) return 'give log files, or --from-cluster';
  if (v.variant !== undefined && (files.length !== 1 || fromCluster)) return '--variant names the one log file given: use it with exactly one file and without --from-cluster';
  if (!fromCluster && (v.kubeconfig !== undefined || v.context !== undefined || v['cdktf-outputs'] !== undefined)) {
    return '--kubeconfig, --context and --cdktf-outputs only apply with --from-cluster';
  }
  if (v.kubeconfig !== undefined && v['cdktf-outputs'] !== undefined) return 'use either --kubeconfig or --cdktf-outputs, not both';
  return {
    format,
    out: v.out,
    threshold: threshold / 100,
    variant: v.variant,
    note: v.note,
    fromCluster,
    access: { file: v.kubeconfig, context: v.context },
    cdktfOutputs: v['cdktf-outputs'],
    files,
  };
}

const errorMessage = (e: unknown) =>
  (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);

type Input = { variant: string } & ({ kind: 'file'; file: string } | { kind: 'cluster'; fetched: FetchedVariant });

/** Reads the cluster's variants, or an error that stands for all of them. */
async function clusterInputs(options: Options, io: Io): Promise<{ inputs: Input[]; error?: InputError }> {
  const access = { ...options.access };
  if (options.cdktfOutputs !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.cdktfOutputs, 'utf8');
    } catch (e) {
      return { inputs: [], error: { file: options.cdktfOutputs, message: `cannot read: ${errorMessage(e)}` } };
    }
    const yaml = kubeconfigFromCdktfOutputs(text, options.cdktfOutputs);
    if (!yaml.ok) return { inputs: [], error: yaml.error };
    access.yaml = yaml.value;
  }
  try {
    const cluster = await (io.connect ?? connectCluster)(access);
    const { variants, warnings } = await fetchBenchmarkLogs(cluster, (line) => io.stderr(line));
    for (const w of warnings) io.stderr(`report: warning: ${w}`);
    if (variants.length === 0) {
      return { inputs: [], error: { file: 'cluster', message: `no benchmark pods in namespace ${BENCHMARK_NAMESPACE} with label ${BENCHMARK_ROLE_LABEL.key}=${BENCHMARK_ROLE_LABEL.value}` } };
    }
    return { inputs: variants.map((fetched) => ({ kind: 'cluster', variant: fetched.variant, fetched })) };
  } catch (e) {
    return { inputs: [], error: { file: 'cluster', message: errorMessage(e) } };
  }
}

/** One input to a run, or the error that keeps it out of the report. */
function runOf(input: Input, options: Options): Result<Run> {
  const labels = { variant: input.variant, threshold: options.threshold };
  if (input.kind === 'file') {
    let text: string;
    try {
      text = readFileSync(input.file, 'utf8');
    } catch (e) {
      return { ok: false, error: { file: input.file, message: `cannot read: ${errorMessage(e)}` } };
    }
    const log = parseLog(text, input.file);
    return log.ok ? computeRun(log.value, { ...labels, file: input.file }) : log;
  }
  const f = input.fetched;
  const pod = podId(f.pod);
  if (f.kind === 'not-finished') return { ok: true, value: notFinishedRun(input.variant, pod, f.pod.phase, options.threshold) };
  if (f.kind === 'error') return { ok: false, error: { file: pod, message: f.message } };
  let file: string | null = null;
  if (options.out !== undefined) {
    // Saved before parsing, so that even a log the report cannot read is kept.
    mkdirSync(join(options.out, 'logs'), { recursive: true });
    file = join(options.out, 'logs', `${fileSafe(input.variant)}.log`);
    writeFileSync(file, f.text);
  }
  const log = parseLog(f.text, file ?? pod);
  if (!log.ok) return log;
  const run = computeRun(log.value, { ...labels, file, pod });
  if (run.ok) run.value.warnings.unshift(...f.warnings);
  return run;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    io.stderr(`report: ${options}`);
    io.stderr('report: see --help');
    return 2;
  }

  const inputs: Input[] = options.files.map((file) => ({ kind: 'file', file, variant: options.variant ?? variantFromFileName(file) }));
  const errors: InputError[] = [];
  if (options.fromCluster) {
    const cluster = await clusterInputs(options, io);
    inputs.push(...cluster.inputs);
    if (cluster.error) errors.push(cluster.error);
  }
  const names = uniqueNames(inputs.map((i) => i.variant));
  const runs: Run[] = [];
  for (const [i, input] of inputs.entries()) {
    const run = runOf({ ...input, variant: names[i] }, options);
    if (!run.ok) {
      errors.push(run.error);
      continue;
    }
    if (names[i] !== input.variant) run.value.warnings.unshift(`variant name ${input.variant} was already taken: reported as ${names[i]}`);
    runs.push(run.value);
  }

  const report: Report = { threshold: options.threshold, runs, errors };
  io.stdout(options.format === 'json' ? renderJson(report) : renderMarkdown(report, { note: options.note }));
  if (options.out !== undefined) {
    mkdirSync(options.out, { recursive: true });
    const perRun = new Map<string, string>();
    for (const run of runs.filter((r) => r.rounds > 0)) {
      const name = `run-${fileSafe(run.variant)}.svg`;
      writeFileSync(join(options.out, name), runChart(run));
      perRun.set(run.variant, name);
    }
    writeFileSync(join(options.out, 'comparison.svg'), comparisonChart(runs, options.threshold));
    writeFileSync(join(options.out, 'report.md'), renderMarkdown(report, { note: options.note, charts: { comparison: 'comparison.svg', perRun } }));
    writeFileSync(join(options.out, 'report.json'), renderJson(report));
    const charts = perRun.size + 1;
    io.stderr(`report: wrote report.md, report.json and ${charts} chart${charts === 1 ? '' : 's'} to ${options.out}`);
  }
  for (const run of runs) for (const w of run.warnings) io.stderr(`report: warning: ${run.variant}: ${w}`);
  for (const e of errors) io.stderr(`report: error: ${formatError(e)}`);
  return errors.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`report: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
