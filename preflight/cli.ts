/**
 * `npm run preflight [-- --config FILE]` (also the first step of `npm run deploy`): checks what a deploy needs
 * and prints one line per finding; failures say the command that fixes them. Exit 1 on any failure (warnings
 * do not stop), 2 when the configuration itself is bad.
 */
import { resolve } from 'node:path';
import { CommandSpec, EXIT, ExitCode, RepoIo, processRepoIo, runCommand, runMain } from '../cli/command';
import { ConfigError, configFile, loadConfig } from '../config/load';
import type { BenchConfig } from '../config/schema';
import { driftLines } from '../gitops/cli';
import { readInputs } from '../gitops/inputs';
import { checkRepositoryPolicy } from '../gitops/policy';
import { ResponderBundleError } from '../gitops/response';
import { GITOPS_ROOT, renderTree } from '../gitops/tree';
import { azRunner } from './azure';
import { Finding, apiServerExposure, azureCredentials, githubCredentials, quota, responsePolicy, treeMatches, treePushed } from './checks';
import { gitState } from './git';

export type PreflightIo = RepoIo;

export const PREFLIGHT_COMMAND: CommandSpec = {
  invocation: 'npm run preflight --',
  summary:
    'Checks, before `npm run deploy`, the Azure and GitHub credentials and owner, the response policy, that fluxcd/ matches the configuration and is committed and pushed to the branch Flux follows, and the vCPU quota the cluster needs (read with the az CLI when it is logged in). Reads nothing but git and az; changes nothing.',
  options: {
    config: { type: 'string', value: 'FILE', doc: 'configuration file (default: FALCO_BENCH_CONFIG or bench.config.yaml)' },
  },
};

const LABEL = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

export function formatFinding(f: Finding): string {
  return `${LABEL[f.level]} ${f.message}${f.fix ? ` -> ${f.fix}` : ''}`;
}

export function main(argv: string[], io: PreflightIo = processRepoIo()): Promise<ExitCode> {
  return runCommand('preflight', PREFLIGHT_COMMAND, argv, io, ({ values }) => {
    const file = configFile(io.env, values.config as string | undefined);
    let config;
    try {
      config = loadConfig(resolve(io.cwd, file), io.env, io.stderr);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      io.stderr(e.message);
      return EXIT.badInput;
    }
    const az = azRunner(io.env);
    const azLoggedIn = az(['account', 'show']).ok;
    const findings = [
      ...azureCredentials(config, io.env, azLoggedIn),
      ...githubCredentials(config, io.env),
      ...apiServerExposure(config),
      ...treeMatches(treeDrift(config, io.cwd), file),
      ...responsePolicy(config.response.policyFile, config.response.enabled ? checkRepositoryPolicy(readInputs(io.cwd, config.response.policyFile), config.response.policyFile) : undefined),
      ...treePushed(gitState(io.cwd, config.github.branch, GITOPS_ROOT)),
      ...quota(config, azLoggedIn ? az : undefined),
    ];
    io.stdout(findings.map((f) => `${formatFinding(f)}\n`).join(''));
    const failures = findings.filter((f) => f.level === 'fail').length;
    const warnings = findings.filter((f) => f.level === 'warn').length;
    const summary = `preflight: ${failures} failure(s), ${warnings} warning(s)`;
    if (failures > 0) {
      io.stderr(`${summary}; fix the FAIL lines before \`npm run deploy\``);
      return EXIT.findings;
    }
    io.stdout(`${summary}\n`);
    return EXIT.ok;
  });
}

/** What differs between fluxcd/ and the configuration; a tree that cannot be rendered is one drift line. */
function treeDrift(config: BenchConfig, cwd: string): string[] {
  try {
    return driftLines(renderTree(config, readInputs(cwd, config.response.policyFile)), cwd);
  } catch (e) {
    if (e instanceof ResponderBundleError) return [e.message];
    throw e;
  }
}

if (require.main === module) runMain('preflight', (argv) => main(argv));
