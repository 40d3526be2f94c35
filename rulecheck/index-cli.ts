/**
 * `npm run rules:index [-- --check]`: regenerates the committed names-only index of the stock rules
 * (`rulecheck/stock-rules-<version>.json`) from `../shared/upstream/falco-rules-<version>/falco_rules.yaml`, or
 * with `--check` only reports whether it is current.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, runCommand, runMain, type CommandSpec, type Io } from '../cli/command';
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
    const text = renderStockIndex(buildStockIndex(readFileSync(source, 'utf8')));
    const target = resolve(cwd, STOCK_INDEX_FILE);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (values.check) {
      if (current === text) return EXIT.ok;
      io.stderr(`rules:index: ${STOCK_INDEX_FILE} is out of date; run \`npm run rules:index\` and commit it`);
      return EXIT.findings;
    }
    if (current !== text) writeFileSync(target, text);
    io.stdout(`${STOCK_INDEX_FILE}: ${current === text ? 'up to date' : 'written'}\n`);
    return EXIT.ok;
  });
}

if (require.main === module) runMain('rules:index', main);
