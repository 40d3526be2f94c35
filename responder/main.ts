/**
 * The responder's entry point (also the bundle's): `serve` runs the HTTP server, `respond` applies the policy to
 * one alert on a local checkout (`npm run respond -- --event alert.json --repo DIR`).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CommandSpec, EXIT, type ExitCode, type Io, UsageError, runCommand } from '../cli/command';
import { findAbove } from '../cli/files';
import { ConfigEnv, ConfigError, configFile, loadConfig } from '../config/load';
import { DEFAULT_POLICY_FILE, RESPONDER_PORT, RESPONSES_DIR } from '../contract/naming';
import { AlertError, parseAlertJson } from './alert';
import { git } from './git';
import { PolicyError, decide, parsePolicy } from './policy';
import { commitPlan, describeChange, planResponse, readManifests, touchedPaths } from './respond';
import { startServer } from './server';

export const RESPOND_SPEC: CommandSpec = {
  invocation: 'npm run respond --',
  summary:
    'Applies the response policy to one Falco alert (Falcosidekick webhook JSON) on a git checkout and commits the response there (no push). Prints one line: the action, namespace/name and the commit id, or "no action: <reason>". Refuses (exit 2, nothing changed) a checkout with uncommitted changes in the files the response would read or write.',
  options: {
    event: { type: 'string', value: 'FILE', doc: 'the alert, as Falcosidekick posts it (required)' },
    repo: { type: 'string', value: 'DIR', doc: 'the git checkout to respond on (required)' },
    policy: { type: 'string', value: 'FILE', doc: 'the policy file (default: response.policyFile of the configuration)' },
    config: { type: 'string', value: 'FILE', doc: 'configuration file naming the policy (default: FALCO_BENCH_CONFIG or bench.config.yaml)' },
    'responses-dir': { type: 'string', value: 'DIR', doc: `where isolate NetworkPolicies go in the checkout (default ${RESPONSES_DIR})` },
    'dry-run': { type: 'boolean', doc: 'print the change it would commit; change nothing' },
  },
};

export const SERVE_SPEC: CommandSpec = {
  invocation: 'node responder.cjs serve',
  summary:
    'Serves Falcosidekick webhook alerts: POST /falco with a Bearer token; each response is committed and pushed to the branch before the answer. GET /healthz, /readyz, /metrics. SIGTERM drains.',
  options: {
    port: { type: 'string', value: 'PORT', doc: `listen port (default ${RESPONDER_PORT}; 0 picks a free one)` },
    host: { type: 'string', value: 'ADDR', doc: 'listen address (default 0.0.0.0)' },
    remote: { type: 'string', value: 'URL', doc: 'the repository Flux syncs (ssh://, file://, or a path) (required)' },
    branch: { type: 'string', value: 'NAME', doc: 'the branch Flux follows (default main)' },
    checkout: { type: 'string', value: 'DIR', doc: 'where to clone the branch (required)' },
    'token-file': { type: 'string', value: 'FILE', doc: 'file holding the Bearer token Falcosidekick sends (required)' },
    'ssh-key': { type: 'string', value: 'FILE', doc: 'SSH private key for the remote (with --known-hosts)' },
    'known-hosts': { type: 'string', value: 'FILE', doc: 'known_hosts for the remote; host keys are checked strictly' },
    policy: { type: 'string', value: 'FILE', doc: 'the policy file (a filesystem path, e.g. a mounted ConfigMap; re-read when it changes) (required)' },
    journal: { type: 'string', value: 'FILE', doc: 'the journal of accepted alerts, on the same volume (default: <checkout>.journal)' },
    'retry-for': { type: 'string', value: 'SECONDS', doc: 'how long a failing push is retried before its alerts are given up (default 900)' },
    'answer-within': { type: 'string', value: 'SECONDS', doc: 'how long a request waits for Git before it is answered 202 (default 10)' },
    'max-connections': { type: 'string', value: 'N', doc: 'open connections served (default 5120: a burst of 5,000 alerts is taken whole); over it alerts are answered 503 with Retry-After, over twice it connections are reset' },
    'max-requests': { type: 'string', value: 'N', doc: 'requests being read or journaled at once; over it 503 with Retry-After (default 5120)' },
    'responses-dir': { type: 'string', value: 'DIR', doc: `isolate NetworkPolicies, inside the checkout (default ${RESPONSES_DIR})` },
    'receiver-url': { type: 'string', value: 'URL', doc: 'Flux webhook receiver base URL to notify after each push (optional)' },
    'receiver-name': { type: 'string', value: 'NAME', doc: 'the Receiver object name (with --receiver-url)' },
    'receiver-namespace': { type: 'string', value: 'NS', doc: 'the Receiver object namespace (with --receiver-url)' },
    'receiver-token-file': { type: 'string', value: 'FILE', doc: 'file holding the Receiver token (with --receiver-url)' },
    'git-timeout': { type: 'string', value: 'SECONDS', doc: 'deadline of each git command (default 60; the first clone gets 5 times as long)' },
    'dry-run': { type: 'boolean', doc: 'log the change each alert would commit; commit and push nothing' },
  },
};

/** The shipped policy: found above this file (dist/responder/, or the bundle's folder in fluxcd/). */
function shippedPolicy(): string {
  const file = findAbove(__dirname, DEFAULT_POLICY_FILE);
  if (!file) throw new UsageError(`the shipped policy ${DEFAULT_POLICY_FILE} was not found; pass --policy`);
  return file;
}

function readInput(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read the ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The policy `respond` applies: `--policy`, else the configuration's `response.policyFile` (relative to its root). */
function policyPath(given: string | undefined, configGiven: string | undefined, io: RespondIo): string {
  if (given !== undefined) return given;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  try {
    return resolve(cwd, loadConfig(resolve(cwd, configFile(env, configGiven)), env, io.stderr).response.policyFile);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`${e.message}\n(the policy comes from response.policyFile; or pass --policy)`);
    throw e;
  }
}

/** Where `respond` runs: the terminal, and for the configuration its folder and environment (default: the process's). */
export type RespondIo = Io & { cwd?: string; env?: ConfigEnv };

/**
 * The paths among `paths` with uncommitted changes (staged, unstaged or untracked): the user's own edits, which a
 * response must neither build on nor commit under the responder's name.
 */
async function uncommitted(co: { git: (args: string[]) => Promise<string> }, paths: string[]): Promise<string[]> {
  const out = await co.git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]);
  return out
    .split('\0')
    .filter((e) => e.length > 3)
    .map((e) => e.slice(3));
}

export async function respondMain(argv: string[], io: RespondIo): Promise<ExitCode> {
  return runCommand('respond', RESPOND_SPEC, argv, io, async ({ values }) => {
    const event = values.event as string | undefined;
    const repo = values.repo as string | undefined;
    if (!event) throw new UsageError('--event is required');
    if (!repo) throw new UsageError('--repo is required');
    // Everything is read and validated before the checkout is touched.
    let alert;
    try {
      alert = parseAlertJson(readInput(event, 'alert'));
    } catch (e) {
      if (e instanceof AlertError) throw new UsageError(`${event}: ${e.message}`);
      throw e;
    }
    const policyFile = policyPath(values.policy as string | undefined, values.config as string | undefined, io);
    let policy;
    try {
      policy = parsePolicy(readInput(policyFile, 'policy'), policyFile);
    } catch (e) {
      if (e instanceof PolicyError) throw new UsageError(e.message);
      throw e;
    }
    let dir: string;
    try {
      if (!statSync(repo).isDirectory()) throw new Error();
      dir = (await git(resolve(repo))(['rev-parse', '--show-toplevel'])).trim();
    } catch {
      throw new UsageError(`${repo}: not a git checkout`);
    }
    const co = { dir, git: git(dir), responsesDir: (values['responses-dir'] as string | undefined) ?? RESPONSES_DIR };
    const index = await readManifests(co);
    const plan = planResponse(co, index, alert, decide(policy, alert));
    const dirty = plan.kind === 'none' ? [] : await uncommitted(co, touchedPaths(co, index, plan.workload));
    if (dirty.length > 0) {
      throw new UsageError(`${dir}: uncommitted changes in ${dirty.join(', ')}, which this response would read or write; commit or stash them first (nothing was changed)`);
    }
    if (plan.kind === 'none') io.stdout(`no action: ${plan.workload ? `${plan.workload.namespace}/${plan.workload.name}: ` : ''}${plan.reason}\n`);
    else if (plan.kind === 'contained') io.stdout(`no action: ${plan.workload.namespace}/${plan.workload.name} is already contained by ${plan.action}\n`);
    else if (values['dry-run']) {
      io.stdout(`${plan.action} ${plan.workload.namespace}/${plan.workload.name} (dry run, not committed)\n`);
      for (const c of describeChange(plan)) io.stderr(`${c.path}: ${c.change}`);
    } else {
      const commit = await commitPlan(co, plan);
      io.stdout(`${plan.action} ${plan.workload.namespace}/${plan.workload.name} ${commit}\n`);
    }
    return EXIT.ok;
  });
}

/**
 * A secret file: checked now (a missing or empty one is bad input), then read again when it changed, so a rotated
 * Kubernetes Secret (the kubelet swaps the mounted file) takes effect without a restart. A use looks at the file
 * (a stat) at most once a second, or at once when `fresh` is asked: the server asks when a token does not match,
 * so a new token works at once and an old one stops within a second. A burst reads the token 5,000 times.
 */
export function secret(file: string, what: string, clock: () => number = Date.now): (fresh?: boolean) => string {
  if (!readInput(file, what).trim()) throw new UsageError(`${file}: the ${what} is empty`);
  let stamp = '';
  let value = '';
  let checkedAt = -Infinity;
  return (fresh = false) => {
    const at = clock();
    if (!fresh && at - checkedAt < 1000) return value;
    const st = statSync(file);
    const now = `${st.ino} ${st.mtimeMs} ${st.size}`;
    if (now !== stamp) {
      value = readFileSync(file, 'utf8').trim();
      stamp = now;
    }
    checkedAt = at;
    return value;
  };
}

export async function serveMain(argv: string[], io: Io): Promise<ExitCode> {
  return runCommand('serve', SERVE_SPEC, argv, io, async ({ values }) => {
    const str = (k: string) => values[k] as string | undefined;
    const need = (k: string) => str(k) ?? (() => { throw new UsageError(`--${k} is required`); })();
    const int = (k: string, d: number, min: number) => {
      const v = str(k);
      if (v === undefined) return d;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > 65535) throw new UsageError(`--${k}: ${JSON.stringify(v)} is not a whole number from ${min}`);
      return Number(v);
    };
    if (!!str('ssh-key') !== !!str('known-hosts')) throw new UsageError('--ssh-key and --known-hosts go together');
    const receiverKeys = ['receiver-url', 'receiver-name', 'receiver-namespace', 'receiver-token-file'];
    const given = receiverKeys.filter((k) => str(k));
    if (given.length > 0 && given.length < receiverKeys.length) throw new UsageError(`${receiverKeys.map((k) => `--${k}`).join(', ')} go together`);
    const responder = await startServer({
      port: int('port', RESPONDER_PORT, 0),
      host: str('host') ?? '0.0.0.0',
      remote: need('remote'),
      branch: str('branch') ?? 'main',
      checkout: resolve(need('checkout')),
      token: secret(need('token-file'), 'webhook token'),
      ...(str('ssh-key') ? { ssh: { keyFile: resolve(str('ssh-key')!), knownHosts: resolve(str('known-hosts')!) } } : {}),
      policy: resolve(str('policy') ?? shippedPolicy()),
      ...(str('journal') ? { journal: resolve(str('journal')!) } : {}),
      retryForMs: int('retry-for', 900, 1) * 1000,
      answerWithinMs: int('answer-within', 10, 0) * 1000,
      maxConnections: int('max-connections', 5120, 1),
      maxRequests: int('max-requests', 5120, 1),
      responsesDir: str('responses-dir') ?? RESPONSES_DIR,
      ...(given.length > 0
        ? { receiver: { url: str('receiver-url')!, name: str('receiver-name')!, namespace: str('receiver-namespace')!, token: secret(str('receiver-token-file')!, 'receiver token') } }
        : {}),
      dryRun: !!values['dry-run'],
      gitTimeoutMs: int('git-timeout', 60, 1) * 1000,
    });
    await new Promise<void>((done) => {
      const stop = () => void responder.drain().then(done);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    return EXIT.ok;
  });
}

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<ExitCode>> = { serve: serveMain, respond: respondMain };

export async function main(argv: string[], io: Io): Promise<ExitCode> {
  const run = COMMANDS[argv[0] ?? ''];
  if (!run) {
    io.stderr(`responder: the first argument is the command: ${Object.keys(COMMANDS).join(' or ')} (then --help)`);
    return EXIT.badInput;
  }
  return run(argv.slice(1), io);
}
