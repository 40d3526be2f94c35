/**
 * `npm run gitops [-- --check] [-- --config FILE]`: validates the repository's rules (`rules/`), then
 * regenerates `fluxcd/` from the configuration, or with `--check` only reports (exit 1) which files are out of
 * date, missing or stale. Rules errors: exit 1, nothing written.
 */
import { resolve } from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../config/load';
import { checkRepositoryRules } from '../rulecheck';
import { readInputs } from './inputs';
import { seedFolders } from './apps';
import { diffTree, isClean, missingSeeds, readTree, writeSeeds, writeTree } from './files';
import { ResponderBundleError } from './response';
import { GITOPS_ROOT, renderTree } from './tree';

export interface CliIo {
  /** Repository root: where `fluxcd/` is and relative `--config` paths start. */
  cwd: string;
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = 'usage: npm run gitops [-- --check] [-- --config FILE]';

interface Args {
  check: boolean;
  config?: string;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') args.check = true;
    else if (a === '--config') {
      if (argv[i + 1] === undefined) return '--config needs a file';
      args.config = argv[++i];
    } else if (a.startsWith('--config=')) args.config = a.slice('--config='.length);
    else if (a === '--help' || a === '-h') return '';
    else return `unknown argument: ${a}`;
  }
  return args;
}

/** Runs the command; returns the exit code. */
export function main(argv: string[], io: CliIo): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (args) io.err(args);
    io.err(USAGE);
    return args ? 2 : 0;
  }
  let tree: Map<string, string>;
  let config;
  try {
    const file = args.config ?? io.env.FALCO_BENCH_CONFIG ?? DEFAULT_CONFIG_FILE;
    config = loadConfig(resolve(io.cwd, file), io.env);
    const inputs = readInputs(io.cwd);
    // Rules with errors would crash Falco on the cluster: nothing is written (or checked) until they are fixed.
    const rules = checkRepositoryRules(inputs.rules, config.benchmark.actions);
    rules.lines.forEach((line) => io.err(line));
    if (rules.errors > 0) return 1;
    tree = renderTree(config, inputs);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ResponderBundleError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }

  const seeds = seedFolders(config);
  if (args.check) {
    const diff = diffTree(tree, readTree(io.cwd));
    const unseeded = missingSeeds(io.cwd, seeds).map((s) => s.dir);
    if (isClean(diff) && unseeded.length === 0) {
      io.out(`${GITOPS_ROOT}/ is up to date (${tree.size} files)`);
      return 0;
    }
    io.err(`${GITOPS_ROOT}/ is out of date with the configuration; run \`npm run gitops\` and commit the result:`);
    for (const p of diff.differing) io.err(`  differs: ${p}`);
    for (const p of diff.missing) io.err(`  missing: ${p}`);
    for (const p of diff.extra) io.err(`  extra:   ${p}`);
    for (const d of unseeded) io.err(`  missing: ${d}/ (\`npm run gitops\` creates it once)`);
    return 1;
  }

  const diff = writeTree(io.cwd, tree);
  const changed = diff.differing.length + diff.missing.length;
  io.out(`${GITOPS_ROOT}/: ${tree.size} files, ${changed} written, ${diff.extra.length} removed`);
  for (const p of [...diff.missing, ...diff.differing]) io.out(`  wrote   ${p}`);
  for (const p of diff.extra) io.out(`  removed ${p}`);
  for (const seed of writeSeeds(io.cwd, seeds)) io.out(`  created ${seed.dir}/ (once; from now on ${seed.owner})`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  });
}
