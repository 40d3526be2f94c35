/**
 * `--from-cluster` without Kubernetes: which pod's log to read per variant, progress, not-finished Jobs.
 * The cluster itself sits behind `BenchmarkCluster` (real adapter: kube.ts; tests: a fake).
 */
import { KUBECONFIG_OUTPUT } from '../contract/naming';
import { Result, fail, ok } from './types';
import { naturalCompare } from './variant';

export interface BenchPod {
  namespace: string;
  name: string;
  /** Value of the `VARIANT_KEY` label; undefined when the pod lacks it. */
  variant: string | undefined;
  /** Pod phase: Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** Creation time, epoch milliseconds (0 when unknown). */
  createdAt: number;
}

export interface BenchmarkCluster {
  /** The benchmark Job pods (namespace and label selector are the adapter's business). */
  listBenchmarkPods(): Promise<BenchPod[]>;
  readLog(pod: BenchPod): Promise<string>;
}

export type FetchedVariant =
  | { kind: 'log'; variant: string; pod: BenchPod; text: string; warnings: string[] }
  | { kind: 'not-finished'; variant: string; pod: BenchPod }
  | { kind: 'error'; variant: string; pod: BenchPod; message: string };

export const podId = (pod: BenchPod) => `${pod.namespace}/${pod.name}`;
const NOT_FINISHED = new Set(['Pending', 'Running']);

/**
 * One entry per variant, sorted by name (naturally: v2 before v10), from its newest pod (a re-run Job leaves older pods behind).
 * Listing failures reject (nothing can be reported); a log that cannot be read is that variant's error only.
 */
export async function fetchBenchmarkLogs(
  cluster: BenchmarkCluster,
  progress: (line: string) => void,
): Promise<{ variants: FetchedVariant[]; warnings: string[] }> {
  const pods = await cluster.listBenchmarkPods();
  const warnings: string[] = [];
  const newest = new Map<string, BenchPod>();
  for (const pod of pods) {
    if (!pod.variant) {
      warnings.push(`pod ${podId(pod)} has no variant label: skipped`);
      continue;
    }
    const seen = newest.get(pod.variant);
    if (!seen || pod.createdAt > seen.createdAt || (pod.createdAt === seen.createdAt && pod.name > seen.name)) newest.set(pod.variant, pod);
  }
  const chosen = [...newest.entries()].sort(([a], [b]) => naturalCompare(a, b));
  const variants: FetchedVariant[] = [];
  for (const [i, [variant, pod]] of chosen.entries()) {
    const n = `(${i + 1}/${chosen.length})`;
    if (NOT_FINISHED.has(pod.phase)) {
      progress(`variant ${variant} ${n}: pod ${podId(pod)} is ${pod.phase}, not finished`);
      variants.push({ kind: 'not-finished', variant, pod });
      continue;
    }
    progress(`fetching logs of variant ${variant} ${n}…`);
    try {
      const text = await cluster.readLog(pod);
      const podWarnings = pod.phase === 'Succeeded' ? [] : [`pod ${podId(pod)} ended in phase ${pod.phase}`];
      variants.push({ kind: 'log', variant, pod, text, warnings: podWarnings });
    } catch (e) {
      variants.push({ kind: 'error', variant, pod, message: `cannot read the log: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { variants, warnings };
}

/**
 * The kubeconfig YAML in a `cdktf deploy --outputs-file F --outputs-file-include-sensitive-outputs` file:
 * `{ "<stack>": { "kube_config": "<yaml>", ... } }`, from the one stack that has the output.
 */
export function kubeconfigFromCdktfOutputs(json: string, file: string): Result<string> {
  let outputs: unknown;
  try {
    outputs = JSON.parse(json);
  } catch (e) {
    return fail(file, `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) return fail(file, 'expected an object of stacks');
  const stacks = Object.entries(outputs as Record<string, unknown>).filter(
    ([, v]) => typeof v === 'object' && v !== null && KUBECONFIG_OUTPUT in (v as object),
  );
  if (stacks.length === 0) return fail(file, `no stack has the output ${KUBECONFIG_OUTPUT}`);
  if (stacks.length > 1) return fail(file, `several stacks have the output ${KUBECONFIG_OUTPUT}: ${stacks.map(([k]) => k).join(', ')}`);
  const value = (stacks[0][1] as Record<string, unknown>)[KUBECONFIG_OUTPUT];
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(file, `${stacks[0][0]}.${KUBECONFIG_OUTPUT} is empty: deploy with --outputs-file-include-sensitive-outputs`);
  }
  return ok(value);
}
