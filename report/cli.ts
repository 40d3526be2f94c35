/**
 * `npm run report -- [options] <log files...>`: event-generator bench logs -> table, JSON and charts.
 * Every input is reported on its own: a bad file is a one-line error on stderr and a non-zero exit, while
 * the other inputs still make it into the report. Usage and definitions: docs/report.md.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CommandSpec, EXIT, ExitCode, Io as CommandIo, Parsed, UsageError, parseCommandLine, processIo, runCommand, runMain } from '../cli/command';
import { BENCHMARK_NAMESPACE, BENCHMARK_ROLE_LABEL } from '../contract/naming';
import { BenchmarkCluster, FetchedVariant, fetchBenchmarkLogs, kubeconfigFromCdktfOutputs, podId } from './cluster';
import { renderJson } from './json';
import { KubeAccess, KubeconfigMissing, connectCluster } from './kube';
import { chartKey, renderMarkdown } from './markdown';
import { verdicts } from './compare';
import { computeVariant, notFinishedRun } from './metrics';
import { detectFormat, parseRuns } from './parse';
import { attributionChart, comparisonChart, runChart } from './svg';
import { InputError, Report, Result, Run, SkippedInput, formatError } from './types';
import { fileSafe, naturalCompare, uniqueNames, variantFromFileName } from './variant';

export const SPEC: CommandSpec = {
  invocation: 'npm run report --',
  positionals: '<log files...>',
  summary:
    'Reads event-generator bench logs (text or --logformat json, humanized or not) and reports, per run, Falco\'s capacity\n' +
    '(from the sampled counters, when the log has them), where each round\'s loss happens, the knee, the max sustained\n' +
    'and the peak delivered EPS. Directories and files that are not bench logs are skipped with a note.',
  options: {
    format: { type: 'string', value: 'markdown|json', doc: 'what to print on stdout (default markdown)' },
    out: {
      type: 'string',
      value: 'DIR',
      doc: 'also write DIR/report.md, report.json and the SVG charts (and DIR/logs/ for logs from the cluster); DIR is replaced only when the report succeeds',
    },
    threshold: { type: 'string', value: 'PERCENT', doc: 'loss threshold of the knee and of "sustained" (default 1)' },
    variant: { type: 'string', value: 'NAME', doc: 'variant name of the single log file given (default: from the file name)' },
    note: { type: 'string', value: 'TEXT', doc: "a paragraph under the report's title (e.g. where the logs come from)" },
    'from-cluster': {
      type: 'boolean',
      doc: `read the logs of the benchmark Job pods (namespace ${BENCHMARK_NAMESPACE}, label ${BENCHMARK_ROLE_LABEL.key}=${BENCHMARK_ROLE_LABEL.value})`,
    },
    kubeconfig: { type: 'string', value: 'FILE', doc: 'kubeconfig for --from-cluster (default: KUBECONFIG or ~/.kube/config)' },
    context: { type: 'string', value: 'NAME', doc: 'kubeconfig context for --from-cluster (default: the current one)' },
    'cdktf-outputs': { type: 'string', value: 'FILE', doc: 'take the kubeconfig from a cdktf --outputs-file (with sensitive outputs)' },
    verbose: { type: 'boolean', short: 'v', doc: 'one line per skipped input (default: a count)' },
  },
};

export interface Io extends CommandIo {
  /** Opens the cluster; tests pass a fake. */
  connect?(access: KubeAccess): Promise<BenchmarkCluster>;
}

interface Options {
  format: 'markdown' | 'json';
  out?: string;
  threshold: number;
  variant?: string;
  note?: string;
  fromCluster: boolean;
  access: KubeAccess;
  cdktfOutputs?: string;
  verbose: boolean;
  files: string[];
}

/** `parseCommandLine` + `optionsOf`, for tests. */
export function parseOptions(argv: string[]): Options | 'help' {
  const parsed = parseCommandLine(SPEC, argv);
  return parsed === 'help' ? 'help' : optionsOf(parsed);
}

/** The options of a parsed command line; throws `UsageError` for a bad combination or value. */
export function optionsOf(parsed: Parsed): Options {
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const str = (k: string) => v[k] as string | undefined;
  const format = str('format') ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, not ${format}`);
  const t = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*%?\s*$/.exec(str('threshold') ?? '1');
  const threshold = t ? Number(t[1]) : NaN;
  if (!(threshold > 0 && threshold <= 100)) throw new UsageError(`--threshold must be a percentage above 0 and at most 100, not ${str('threshold')}`);
  const files = parsed.positionals;
  const fromCluster = v['from-cluster'] === true;
  if (files.length === 0 && !fromCluster) throw new UsageError('give log files, or --from-cluster');
  if (str('variant') !== undefined && (files.length !== 1 || fromCluster)) {
    throw new UsageError('--variant names the one log file given: use it with exactly one file and without --from-cluster');
  }
  if (!fromCluster && (str('kubeconfig') !== undefined || str('context') !== undefined || str('cdktf-outputs') !== undefined)) {
    throw new UsageError('--kubeconfig, --context and --cdktf-outputs only apply with --from-cluster');
  }
  if (str('kubeconfig') !== undefined && str('cdktf-outputs') !== undefined) throw new UsageError('use either --kubeconfig or --cdktf-outputs, not both');
  return {
    format,
    out: str('out'),
    threshold: threshold / 100,
    variant: str('variant'),
    note: str('note'),
    fromCluster,
    access: { file: str('kubeconfig'), context: str('context') },
    cdktfOutputs: str('cdktf-outputs'),
    verbose: v.verbose === true,
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
    // Nothing to connect with is a usage problem with a known fix, not a cluster failure.
    if (e instanceof KubeconfigMissing) throw new UsageError(e.message);
    return { inputs: [], error: { file: 'cluster', message: errorMessage(e) } };
  }
}

type Outcome = Result<Run> | { skipped: string };

/** Why a file given as input is not a bench log to report, or null when it should be read as one. */
function notALog(text: string): string | null {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '');
  return first !== undefined && detectFormat(first) === null ? 'not a bench log (first line is neither text, logfmt nor JSON log)' : null;
}

/**
 * One input to a run, the error that keeps it out of the report, or why it is skipped. Logs fetched from the
 * cluster are saved to `save.dir/logs/` (the report's temporary folder) and named by their final place.
 */
function runOf(input: Input, options: Options, save: { dir: string; final: string } | null): Outcome {
  const labels = { variant: input.variant, threshold: options.threshold };
  if (input.kind === 'file') {
    let text: string;
    try {
      if (statSync(input.file).isDirectory()) return { skipped: 'a directory' };
      text = readFileSync(input.file, 'utf8');
    } catch (e) {
      return { ok: false, error: { file: input.file, message: `cannot read: ${errorMessage(e)}` } };
    }
    const skip = notALog(text);
    if (skip) return { skipped: skip };
    const log = parseRuns(text, input.file);
    return log.ok ? computeVariant(log.value, { ...labels, file: input.file }) : log;
  }
  const f = input.fetched;
  const pod = podId(f.pod);
  if (f.kind === 'not-finished') return { ok: true, value: notFinishedRun(input.variant, pod, f.pod.phase, options.threshold) };
  if (f.kind === 'error') return { ok: false, error: { file: pod, message: f.message } };
  let file: string | null = null;
  if (save) {
    // Saved before parsing, so that even a log the report cannot read is kept.
    const name = `${fileSafe(input.variant)}.log`;
    mkdirSync(join(save.dir, 'logs'), { recursive: true });
    writeFileSync(join(save.dir, 'logs', name), f.text);
    file = join(save.final, 'logs', name);
  }
  const log = parseRuns(f.text, file ?? pod);
  if (!log.ok) return log;
  const run = computeVariant(log.value, { ...labels, file, pod });
  if (run.ok) run.value.warnings.unshift(...f.warnings);
  return run;
}

/** Charts and report files into `dir`. */
function writeReport(dir: string, report: Report, options: Options): number {
  const perRun = new Map<string, string>();
  const attribution = new Map<string, string>();
  // A repeated variant has charts per run: `run-<variant>-run<k>.svg`. File names are made unique after
  // fileSafe, so that neither `a b` beside `a_b` nor `x-run2` beside run 2 of `x` overwrites another's chart.
  const charts = report.runs
    .filter((r) => r.rounds > 0)
    .flatMap((variant) => (variant.repeats ?? [variant]).map((run) => ({ variant, run, repeat: variant.repeats ? run.repeat : undefined })));
  const bases = uniqueNames(charts.map(({ variant, repeat }) => fileSafe(variant.variant) + (repeat === undefined ? '' : `-run${repeat}`)));
  for (const [i, { variant, run, repeat }] of charts.entries()) {
    const key = chartKey(variant.variant, repeat);
    writeFileSync(join(dir, `run-${bases[i]}.svg`), runChart(run, key));
    perRun.set(key, `run-${bases[i]}.svg`);
    if (run.perRound.some((r) => r.attribution !== null)) {
      writeFileSync(join(dir, `attribution-${bases[i]}.svg`), attributionChart(run, key));
      attribution.set(key, `attribution-${bases[i]}.svg`);
    }
  }
  writeFileSync(join(dir, 'comparison.svg'), comparisonChart(report.runs, options.threshold));
  writeFileSync(join(dir, 'report.md'), renderMarkdown(report, { note: options.note, charts: { comparison: 'comparison.svg', perRun, attribution } }));
  writeFileSync(join(dir, 'report.json'), renderJson(report));
  writeFileSync(join(dir, REPORT_MARKER), 'Written by `npm run report -- --out`: this folder is a report, which the next --out may replace.\n');
  return perRun.size + attribution.size + 1;
}

/**
 * The file every report folder holds: a folder with it is a previous report, which `--out` may replace. Any other
 * non-empty folder is someone else's, and is never touched.
 */
export const REPORT_MARKER = '.falco-bench-report';

/** The real path of `p`, or of its nearest existing parent joined with the rest (for paths not made yet). */
function realish(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realish(parent), basename(abs));
  }
}

/** `inner` is `outer` or lies below it (a child named `..x` is below it; `..` and `../x` are not). */
const within = (inner: string, outer: string) => {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/**
 * Why `out` cannot be the report folder, or null: it may not exist yet, be empty, or hold a previous report
 * (the marker); it may not be, or hold, an input; and its parent must be a folder we can create it in.
 */
export function outProblem(out: string, inputs: readonly string[]): string | null {
  const target = realish(out);
  for (const input of inputs) {
    const file = realish(input);
    if (within(file, target)) return `${out}: it ${file === target ? 'is' : 'holds'} the input ${input}; a report folder never holds its inputs (choose another --out)`;
  }
  if (!existsSync(target)) return null;
  if (!statSync(target).isDirectory()) return `${out}: is a file, not a folder; --out takes a folder it may replace`;
  const entries = readdirSync(target);
  if (entries.length === 0 || entries.includes(REPORT_MARKER)) return null;
  const shown = entries.sort().slice(0, 3).join(', ') + (entries.length > 3 ? `, and ${entries.length - 3} more` : '');
  return `${out}: holds files that are not a report of this command (${shown}); nothing was touched. Give an empty or new folder, or a previous report's`;
}

/**
 * `mkdir -p`, one level at a time: Node 20's `mkdirSync(p, { recursive: true })` never returns for some paths
 * it cannot create (under /proc), so each missing folder is made on its own and the first failure is thrown.
 */
function mkdirs(dir: string): void {
  if (existsSync(dir)) return;
  mkdirs(dirname(dir));
  mkdirSync(dir);
}

/** Puts the finished `tmp` folder in the place of `out` (the old report goes only once the new one is complete). */
function replaceDir(tmp: string, out: string): void {
  const old = `${tmp}.old`;
  const had = existsSync(out);
  if (had) renameSync(out, old);
  renameSync(tmp, out);
  if (had) rmSync(old, { recursive: true, force: true });
}

async function report(options: Options, io: Io): Promise<ExitCode> {
  // Files in natural order of their names without extension (a shell glob gives v1, v10, v2; `plain` stays
  // before `plain-logfmt`), as the cluster's variants are (cluster.ts).
  const files = [...options.files].sort((a, b) => naturalCompare(a.replace(/\.[^./]*$/, ''), b.replace(/\.[^./]*$/, '')));
  const inputs: Input[] = files.map((file) => ({ kind: 'file', file, variant: options.variant ?? variantFromFileName(file) }));
  const errors: InputError[] = [];
  const skipped: SkippedInput[] = [];
  if (options.fromCluster) {
    const cluster = await clusterInputs(options, io);
    inputs.push(...cluster.inputs);
    if (cluster.error) errors.push(cluster.error);
  }
  // --out is built in a sibling temporary folder and replaces DIR only when the report succeeded, and only when
  // DIR is new, empty or a previous report: never a folder of someone else's files, never an input.
  let save: { dir: string; final: string } | null = null;
  if (options.out !== undefined) {
    const problem = outProblem(options.out, options.files);
    if (problem) throw new UsageError(problem);
    const final = resolve(options.out);
    // mkdirSync, not mkdtempSync (0700): the report's folders get the modes the umask gives.
    const dir = join(dirname(final), `.${basename(final)}.tmp-${randomBytes(4).toString('hex')}`);
    try {
      mkdirs(dirname(final));
      mkdirSync(dir);
    } catch (e) {
      throw new UsageError(`${options.out}: cannot create the report folder: ${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}`);
    }
    save = { dir, final: options.out };
  }
  const names = uniqueNames(inputs.map((i) => i.variant));
  const runs: Run[] = [];
  for (const [i, input] of inputs.entries()) {
    const outcome = runOf({ ...input, variant: names[i] }, options, save);
    if ('skipped' in outcome) {
      skipped.push({ file: input.kind === 'file' ? input.file : input.variant, reason: outcome.skipped });
      continue;
    }
    if (!outcome.ok) {
      errors.push(outcome.error);
      continue;
    }
    if (names[i] !== input.variant) outcome.value.warnings.unshift(`variant name ${input.variant} was already taken: reported as ${names[i]}`);
    runs.push(outcome.value);
  }

  const result: Report = { threshold: options.threshold, runs, verdicts: verdicts(runs), errors, skipped };
  io.stdout(options.format === 'json' ? renderJson(result) : renderMarkdown(result, { note: options.note }));
  if (save) {
    if (runs.length > 0) {
      const charts = writeReport(save.dir, result, options);
      replaceDir(save.dir, resolve(options.out!));
      io.stderr(`report: wrote report.md, report.json and ${charts} chart${charts === 1 ? '' : 's'} to ${options.out}`);
    } else if (existsSync(join(save.dir, 'logs')) && readdirSync(join(save.dir, 'logs')).length > 0) {
      io.stderr(`report: no run could be reported: ${options.out} left as it was; the fetched logs are in ${save.dir}`);
    } else {
      rmSync(save.dir, { recursive: true, force: true });
      io.stderr(`report: no run could be reported: ${options.out} left as it was`);
    }
  }
  if (skipped.length > 0) {
    if (options.verbose) for (const x of skipped) io.stderr(`report: skipped ${x.file}: ${x.reason}`);
    else io.stderr(`report: skipped ${skipped.length} input${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is' : 'are'} not a bench log (--verbose names ${skipped.length === 1 ? 'it' : 'them'})`);
  }
  for (const run of runs) for (const w of run.warnings) io.stderr(`report: warning: ${run.variant}: ${w}`);
  for (const e of errors) io.stderr(`report: error: ${formatError(e)}`);
  // Nothing reported at all (every input skipped) is a finding too, not success.
  return errors.length > 0 || runs.length === 0 ? EXIT.findings : EXIT.ok;
}

/** The command: exit 0 when every input was reported, 1 when some input could not be, 2 for bad options or no kubeconfig. */
export function main(argv: string[], io: Io = processIo): Promise<ExitCode> {
  return runCommand('report', SPEC, argv, io, (parsed) => report(optionsOf(parsed), io));
}

if (require.main === module) runMain('report', main);
