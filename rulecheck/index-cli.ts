/**
 * `npm run rules:index [-- --check]`: regenerates the committed names-only index of the stock rules
 * (`rulecheck/stock-rules-<version>.json`) from `../shared/upstream/falco-rules-<version>/falco_rules.yaml`, or
 * with `--check` only reports whether it is current.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, runCommand, runMain, type CommandSpec, type Io } from '../cli/command';
import { writeGenerated } from '../cli/files';
import { STOCK_INDEX_FILE, STOCK_RULES_UPSTREAM, buildStockIndex, renderStockIndex } from './stock';

const SPEC: CommandSpec = {
  invocation: 'npm run rules:index --',
  summary: `Writes ${STOCK_INDEX_FILE} (each list, macro and rule name of the stock rules with its kind, and each rule's tags; nothing else) from ${STOCK_RULES_UPSTREAM}.`,
  options: {
    check: { type: 'boolean', doc: 'only check that the committed index matches (exit 1 if not)' },
    rules: { type: 'string', value: 'FILE', doc: `the stock rules file (default ${STOCK_RULES_UPSTREAM})` },
  },
};

export function main(argv: string[], io: Io, cwd = process.cwd()) {
  return runCommand('rules:index', SPEC, argv, io, ({ values }) => {
    const source = resolve(cwd, (values.rules as string | undefined) ?? STOCK_RULES_UPSTREAM);
    if (!existsSync(source)) {
      io.stderr(`rules:index: ${source} not found (the upstream reference data lives beside the project in ../shared)`);
      return EXIT.badInput;
    }
    return writeGenerated('rules:index', io, cwd, STOCK_INDEX_FILE, renderStockIndex(buildStockIndex(readFileSync(source, 'utf8'))), values.check === true);
  });
}

if (require.main === module) runMain('rules:index', main);
