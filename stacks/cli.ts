/**
 * `npm run synth|deploy|destroy [-- options]`: the infrastructure commands, with the same command-line convention
 * as every other program here (`--help`, unknown options refused with exit 2). `synth` runs in this process;
 * `deploy` runs preflight and then `cdktf deploy '*'`; `destroy` runs `cdktf destroy '*'`. cdktf itself runs the
 * app (main.ts) again, so the configuration file goes to it as FALCO_BENCH_CONFIG.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CommandSpec, EXIT, ExitCode, Io, RepoIo, processRepoIo, runCommand, runMain } from '../cli/command';
import { configFile } from '../config/load';
import { synthesize } from '../main';
import { main as preflight } from '../preflight/cli';

const CONFIG = { type: 'string', value: 'FILE', doc: 'configuration file (default: FALCO_BENCH_CONFIG or bench.config.yaml)' } as const;
const AUTO_APPROVE = { type: 'boolean', doc: "apply without cdktf's interactive confirmation" } as const;

export const INFRA_COMMANDS = {
  synth: {
    invocation: 'npm run synth --',
    summary: 'Writes the Terraform JSON of both stacks (infrastructure, flux) into cdktf.out/ (CDKTF_OUTDIR). Offline; needs no credentials; warnings (such as an API server open to the internet) go to stderr.',
    options: { config: CONFIG },
  },
  deploy: {
    invocation: 'npm run deploy --',
    summary: "Runs preflight (nothing is deployed when it fails), then `cdktf deploy '*'`: both stacks, the infrastructure first.",
    options: {
      config: CONFIG,
      'auto-approve': AUTO_APPROVE,
      'outputs-file': { type: 'string', value: 'FILE', doc: "cdktf's: write the stacks' outputs to FILE (keep it out of Git: it can hold a credential)" },
      'outputs-file-include-sensitive-outputs': { type: 'boolean', doc: "cdktf's: include sensitive outputs (the kubeconfig) in --outputs-file" },
    },
  },
  destroy: {
    invocation: 'npm run destroy --',
    summary: "Runs `cdktf destroy '*'`: removes what the deploy created, the flux stack first. A repository the deploy created is archived, not deleted; an adopted one loses only its deploy keys.",
    options: { config: CONFIG, 'auto-approve': AUTO_APPROVE },
  },
} as const satisfies Record<string, CommandSpec>;
export type InfraCommand = keyof typeof INFRA_COMMANDS;

/** Runs cdktf from the project's own dependencies (npm puts node_modules/.bin on PATH); its exit code, or a reason. */
export type CdktfRunner = (args: string[], env: Record<string, string | undefined>) => { status: number | null; error?: Error };

const runCdktf: CdktfRunner = (args, env) => spawnSync('cdktf', args, { stdio: 'inherit', env });

/** What deploy and destroy run: cdktf, and the check before a deploy (tests replace them). */
export interface InfraSteps {
  cdktf: CdktfRunner;
  preflight: (argv: string[], io: RepoIo) => Promise<ExitCode>;
}

export function main(command: InfraCommand, argv: string[], io: RepoIo = processRepoIo(), steps: Partial<InfraSteps> = {}): Promise<ExitCode> {
  const { cdktf, preflight: check } = { cdktf: runCdktf, preflight, ...steps };
  return runCommand(command, INFRA_COMMANDS[command], argv, io, async ({ values }) => {
    const given = values.config as string | undefined;
    const file = resolve(io.cwd, configFile(io.env, given));
    if (command === 'synth') return synthesize(file, io.env, io);
    if (command === 'deploy') {
      const checked = await check(['--config', file], io);
      if (checked !== EXIT.ok) return checked;
    }
    // The options that are cdktf's own go to it unchanged (the table above lists every one that may).
    const passed = Object.entries(values).flatMap(([k, v]) => (k === 'config' || v === undefined || v === false ? [] : v === true ? [`--${k}`] : [`--${k}`, String(v)]));
    const args = [command, '*', ...passed];
    const r = cdktf(args, { ...io.env, CHECKPOINT_DISABLE: '1', FALCO_BENCH_CONFIG: file });
    if (r.error) {
      io.stderr(`${command}: cannot run cdktf: ${r.error.message} (run it through npm, which puts node_modules/.bin on PATH)`);
      return EXIT.findings;
    }
    if (r.status !== 0) io.stderr(`${command}: cdktf ${args.join(' ')} failed (exit ${r.status ?? 'signal'})`);
    return r.status === 0 ? EXIT.ok : EXIT.findings;
  });
}

if (require.main === module) {
  const command = process.argv[2] ?? '';
  if (!(command in INFRA_COMMANDS)) {
    process.stderr.write(`usage: node dist/stacks/cli.js ${Object.keys(INFRA_COMMANDS).join('|')} [options]\n`);
    process.exitCode = EXIT.badInput;
  } else runMain(command, ([, ...argv], io: Io) => main(command as InfraCommand, argv, { ...processRepoIo(), ...io }));
}
