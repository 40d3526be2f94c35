/**
 * cdktf entry point (cdktf.json "app"): reads bench.config.yaml (or FALCO_BENCH_CONFIG), builds both stacks
 * and synthesizes them. A bad configuration is bad input: it prints what is wrong and exits 2, without a stack
 * trace; warnings (such as an API server opened to the internet) go to stderr.
 */
import { AnnotationMetadataEntryType } from 'cdktf';
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
  const { app } = buildApp(config);
  app.synth();
  // The cdktf CLI prints warning annotations itself; a plain `npm run synth` would not show them.
  for (const node of app.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type === AnnotationMetadataEntryType.WARN) console.error(`WARNING [${node.node.path}]: ${entry.data}`);
    }
  }
}

main();
