/**
 * Where the upstream reference data lives (`/work/shared/upstream`, beside the project): read at test time,
 * never copied into the project. Tests that need it are skipped, with a message, where it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const UPSTREAM_DIR = resolve(__dirname, '../../../shared/upstream');
export const hasUpstream = existsSync(UPSTREAM_DIR);

/** `describe` that turns into one skipped test naming the missing folder when the upstream data is absent. */
export function describeWithUpstream(name: string, body: () => void): void {
  if (hasUpstream) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it.skip(`skipped: upstream reference data not found at ${UPSTREAM_DIR}`, () => undefined);
  });
}

/** A chart's `values.yaml` from `upstream/charts/<chart>-<version>/`. */
export function upstreamChartValues(chart: string, version: string): Record<string, unknown> {
  return parse(readFileSync(join(UPSTREAM_DIR, 'charts', `${chart}-${version}`, 'values.yaml'), 'utf8')) as Record<string, unknown>;
}

/** A chart's `Chart.yaml` from `upstream/charts/<chart>-<version>/`. */
export function upstreamChartMeta(chart: string, version: string): { name: string; version: string; appVersion?: string } {
  return parse(readFileSync(join(UPSTREAM_DIR, 'charts', `${chart}-${version}`, 'Chart.yaml'), 'utf8'));
}
