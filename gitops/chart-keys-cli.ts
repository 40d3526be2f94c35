/**
 * `npm run charts:index [-- --check]`: regenerates the committed key index of the Falco charts a variant may
 * choose (config/falco-chart-keys.ts) from `../shared/upstream/charts/falco-<version>/values.yaml`, or with
 * `--check` only reports whether it is current.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, runCommand, runMain, type CommandSpec, type Io } from '../cli/command';
import { CHART_KEYS_FILE, INDEXED_CHART_VERSIONS, buildChartKeys, chartValuesUpstream, renderChartKeys, type ChartKeyIndex } from '../config/chart-keys';

const SPEC: CommandSpec = {
  invocation: 'npm run charts:index --',
  summary: `Writes ${CHART_KEYS_FILE} (the value key paths of each Falco chart a variant may choose, ${INDEXED_CHART_VERSIONS.join(', ')}; nothing else) from ${chartValuesUpstream('<version>')}.`,
  options: {
    check: { type: 'boolean', doc: 'only check that the committed index matches (exit 1 if not)' },
    charts: { type: 'string', value: 'DIR', doc: 'the folder holding falco-<version>/ (default ../shared/upstream/charts)' },
  },
};

export function main(argv: string[], io: Io, cwd = process.cwd()) {
  return runCommand('charts:index', SPEC, argv, io, ({ values }) => {
    const indexes: Record<string, ChartKeyIndex> = {};
    for (const version of INDEXED_CHART_VERSIONS) {
      const charts = values.charts as string | undefined;
      const source = charts ? resolve(cwd, charts, `falco-${version}`, 'values.yaml') : resolve(cwd, chartValuesUpstream(version));
      if (!existsSync(source)) {
        io.stderr(`charts:index: ${source} not found (the upstream reference data lives beside the project in ../shared)`);
        return EXIT.badInput;
      }
      indexes[version] = buildChartKeys(version, readFileSync(source, 'utf8'));
    }
    const text = renderChartKeys(indexes);
    const target = join(cwd, CHART_KEYS_FILE);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (values.check) {
      if (current === text) return EXIT.ok;
      io.stderr(`charts:index: ${CHART_KEYS_FILE} is out of date; run \`npm run charts:index\` and commit it`);
      return EXIT.findings;
    }
    if (current !== text) writeFileSync(target, text);
    io.stdout(`${CHART_KEYS_FILE}: ${current === text ? 'up to date' : 'written'}\n`);
    return EXIT.ok;
  });
}

if (require.main === module) runMain('charts:index', main);
