/**
 * cdktf entry point (cdktf.json "app"): reads bench.config.yaml (or FALCO_BENCH_CONFIG), builds both stacks
 * and synthesizes them. A bad configuration prints what is wrong and exits 1, without a stack trace.
 */
import { ConfigError, loadConfig } from './config/load';
import { buildApp } from './stacks/app';

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  buildApp(config).app.synth();
}

main();
