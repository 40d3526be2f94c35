/**
 * `npm run gitops [-- --check] [-- --config FILE]`: validates the repository's rules (`rules/`) and, with the
 * response engine on, its response policy (`response.policyFile`), then writes `fluxcd/` from the configuration,
 * or with `--check` only reports (exit 1) which files are out of date, missing or stale. A configuration that
 * does not load or validate, rules or a policy with errors, and a missing responder bundle or policy are bad
 * input (exit 2): nothing is written.
 */
import { resolve } from 'node:path';
import { ConfigError, configFile, loadConfig } from '../config/load';
import { CommandSpec, EXIT, ExitCode, RepoIo, processRepoIo, runCommand, runMain } from '../cli/command';
import { checkRepositoryRules } from '../rulecheck';
import { diffTree, isClean, readTree, writeTree } from './files';
import { readInputs } from './inputs';
import { checkRepositoryPolicy } from './policy';
import { ResponderBundleError } from './response';
import { GITOPS_ROOT, renderTree } from './tree';

/** Where the command runs: the repository root (where `fluxcd/` is, relative paths start) and its environment. */
export type GitopsIo = RepoIo;

export const GITOPS_COMMAND: CommandSpec = {
  invocation: 'npm run gitops --',
  summary: `Validates rules/ and the response policy (response.policyFile), then writes ${GITOPS_ROOT}/ from the configuration (bench.config.yaml, or FALCO_BENCH_CONFIG). With --check it writes nothing and lists the files that differ, are missing or are stale.`,
  options: {
    check: { type: 'boolean', doc: `only compare ${GITOPS_ROOT}/ with what the configuration gives; exit 1 when they differ` },
    config: { type: 'string', value: 'FILE', doc: 'configuration file (default: FALCO_BENCH_CONFIG or bench.config.yaml)' },
  },
};

/** The drift of `<root>/fluxcd/` from what the configuration gives, as lines; empty when up to date. */
export function driftLines(expected: ReadonlyMap<string, string>, root: string): string[] {
  const diff = diffTree(expected, readTree(root));
  if (isClean(diff)) return [];
  return [...diff.differing.map((p) => `differs: ${p}`), ...diff.missing.map((p) => `missing: ${p}`), ...diff.extra.map((p) => `extra:   ${p}`)];
}

/** The configuration and the tree for the repository at `cwd`; throws ConfigError or ResponderBundleError. */
export function renderRepository(cwd: string, env: Record<string, string | undefined>, config?: string, notice?: (line: string) => void) {
  const loaded = loadConfig(resolve(cwd, configFile(env, config)), env, notice);
  const inputs = readInputs(cwd, loaded.response.policyFile);
  return { config: loaded, inputs, render: () => renderTree(loaded, inputs) };
}

/** Runs the command; resolves to the exit code. */
export function main(argv: string[], io: GitopsIo = processRepoIo()): Promise<ExitCode> {
  return runCommand('gitops', GITOPS_COMMAND, argv, io, ({ values }) => {
    let repo: ReturnType<typeof renderRepository>;
    let tree: Map<string, string>;
    try {
      repo = renderRepository(io.cwd, io.env, values.config as string | undefined, io.stderr);
      // Rules with errors would crash Falco on the cluster, a policy with errors would keep the responder from
      // becoming ready: nothing is written (or checked) until they are fixed. Both are reported in one run.
      const rules = checkRepositoryRules(repo.inputs.rules, repo.config.benchmark.actions);
      const policy = repo.config.response.enabled ? checkRepositoryPolicy(repo.inputs, repo.config.response.policyFile) : undefined;
      [...rules.lines, ...(policy?.lines ?? [])].forEach((line) => io.stderr(line));
      if (rules.errors > 0 || (policy?.errors ?? 0) > 0) return EXIT.badInput;
      tree = repo.render();
    } catch (e) {
      if (!(e instanceof ConfigError || e instanceof ResponderBundleError)) throw e;
      io.stderr(e.message);
      return EXIT.badInput;
    }

    if (values.check) {
      const drift = driftLines(tree, io.cwd);
      if (drift.length === 0) {
        io.stdout(`${GITOPS_ROOT}/ is up to date (${tree.size} files)\n`);
        return EXIT.ok;
      }
      io.stderr(`${GITOPS_ROOT}/ is out of date with the configuration; run \`npm run gitops\` and commit the result:`);
      for (const line of drift) io.stderr(`  ${line}`);
      return EXIT.findings;
    }

    const diff = writeTree(io.cwd, tree);
    const changed = diff.differing.length + diff.missing.length;
    const lines = [
      `${GITOPS_ROOT}/: ${tree.size} files, ${changed} written, ${diff.extra.length} removed`,
      ...[...diff.missing, ...diff.differing].map((p) => `  wrote   ${p}`),
      ...diff.extra.map((p) => `  removed ${p}`),
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  });
}

if (require.main === module) runMain('gitops', (argv) => main(argv));
