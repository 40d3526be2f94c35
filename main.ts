/**
 * cdktf entry point (cdktf.json "app", also what `npm run synth` runs through stacks/cli.ts): reads
 * bench.config.yaml (or FALCO_BENCH_CONFIG), builds both stacks and synthesizes them. A bad configuration is bad
 * input: it prints what is wrong and exits 2, without a stack trace; warnings (such as an API server opened to
 * the internet) go to stderr.
 */
import { AnnotationMetadataEntryType } from 'cdktf';
import { EXIT, ExitCode, Io, processIo } from './cli/command';
import { ConfigError, ConfigEnv, loadConfig } from './config/load';
import { buildApp } from './stacks/app';

/** Synthesizes both stacks of the configuration in `file` (default: FALCO_BENCH_CONFIG or bench.config.yaml). */
export function synthesize(file: string | undefined, env: ConfigEnv = process.env, io: Io = processIo): ExitCode {
  let config;
  try {
    config = loadConfig(file, env, io.stderr);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr(e.message);
    return EXIT.badInput;
  }
  const { app } = buildApp(config);
  app.synth();
  // The cdktf CLI prints warning annotations itself; a plain `npm run synth` would not show them.
  for (const node of app.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type === AnnotationMetadataEntryType.WARN) io.stderr(`WARNING [${node.node.path}]: ${entry.data}`);
    }
  }
  return EXIT.ok;
}

if (require.main === module) process.exitCode = synthesize(undefined);
