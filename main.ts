/**
 * cdktf entry point (cdktf.json "app"): reads bench.config.yaml (or FALCO_BENCH_CONFIG), builds both stacks
 * and synthesizes them. A bad configuration is bad input: it prints what is wrong and exits 2, without a stack
 * trace.
 */
import { EXIT } from './cli/command';
import { ConfigError, loadConfig } from './config/load';
import { buildApp } from './stacks/app';

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(EXIT.badInput);
    }
    throw e;
  }
  buildApp(config).app.synth();
}

main();
