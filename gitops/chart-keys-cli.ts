/**
 * `npm run charts:index [-- --check]`: regenerates the committed key index of the Falco charts a variant may
 * choose (config/falco-chart-keys.ts) from `../shared/upstream/charts/falco-<version>/values.yaml`, or with
 * `--check` only reports whether it is current.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, runCommand, runMain, type CommandSpec, type Io } from '../cli/command';
import { writeGenerated } from '../cli/files';
import { CHART_KEYS_FILE, buildChartKeys, chartValuesUpstream, renderChartKeys, type ChartKeyIndex } from '../config/chart-keys';
import { FALCO_CHART_VERSIONS } from '../contract/versions';

const SPEC: CommandSpec = {
  invocation: 'npm run charts:index --',
  summary: `Writes ${CHART_KEYS_FILE} (the value key paths of each Falco chart a variant may choose, ${FALCO_CHART_VERSIONS.join(', ')}; nothing else) from ${chartValuesUpstream('<version>')}.`,
  options: {
    check: { type: 'boolean', doc: 'only check that the committed index matches (exit 1 if not)' },
    charts: { type: 'string', value: 'DIR', doc: 'the folder holding falco-<version>/ (default ../shared/upstream/charts)' },
  },
};

export function main(argv: string[], io: Io, cwd = process.cwd()) {
  return runCommand('charts:index', SPEC, argv, io, ({ values }) => {
    const indexes: Record<string, ChartKeyIndex> = {};
    for (const version of FALCO_CHART_VERSIONS) {
      const charts = values.charts as string | undefined;
      const source = charts ? resolve(cwd, charts, `falco-${version}`, 'values.yaml') : resolve(cwd, chartValuesUpstream(version));
      if (!existsSync(source)) {
        io.stderr(`charts:index: ${source} not found (the upstream reference data lives beside the project in ../shared)`);
        return EXIT.badInput;
      }
      indexes[version] = buildChartKeys(version, readFileSync(source, 'utf8'));
    }
    return writeGenerated('charts:index', io, cwd, CHART_KEYS_FILE, renderChartKeys(indexes), values.check === true);
  });
}

if (require.main === module) runMain('charts:index', main);
