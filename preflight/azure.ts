/**
 * The few `az` CLI calls preflight makes, read-only: is it logged in, the regional vCPU usage, and the node
 * pools of the cluster if it already exists. `az` is found on the PATH of the given environment (tests put a
 * fake one there); a missing `az` is the same as not logged in.
 */
import { spawnSync } from 'node:child_process';

export interface AzResult {
  ok: boolean;
  json?: unknown;
  /** First line of stderr when it failed. */
  error?: string;
}

export type AzRunner = (args: string[]) => AzResult;

export function azRunner(env: Record<string, string | undefined>): AzRunner {
  return (args) => {
    const r = spawnSync('az', [...args, '--only-show-errors', '-o', 'json'], { env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
    if (r.error) return { ok: false, error: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'az is not installed' : r.error.message };
    if (r.status !== 0) return { ok: false, error: (r.stderr || '').trim().split('\n')[0] || `az exited ${r.status}` };
    try {
      return { ok: true, json: JSON.parse(r.stdout) };
    } catch {
      return { ok: false, error: 'az printed something that is not JSON' };
    }
  };
}

/** One row of `az vm list-usage` (the CLI prints the numbers as strings, the REST API as numbers). */
export interface Usage {
  name: string;
  current: number;
  limit: number;
}

export function parseUsages(json: unknown): Usage[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((u) => {
    const name = u?.name?.value;
    const current = Number(u?.currentValue);
    const limit = Number(u?.limit);
    return typeof name === 'string' && Number.isFinite(current) && Number.isFinite(limit) ? [{ name, current, limit }] : [];
  });
}

/** Nodes per VM size of an existing cluster's pools (`az aks nodepool list`); empty when there is none. */
export function existingNodes(json: unknown): { vmSize: string; count: number }[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((p) => (typeof p?.vmSize === 'string' && Number.isFinite(Number(p?.count)) ? [{ vmSize: p.vmSize, count: Number(p.count) }] : []));
}
