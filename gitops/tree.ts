/**
 * The whole `fluxcd/` tree from the configuration: config -> objects -> files. Pure and deterministic: the same
 * configuration always gives the same paths and bytes (variants sorted by name, no timestamps).
 *
 *   fluxcd/clusters/<cluster>/      what the bootstrap's root Kustomization syncs: one Flux Kustomization per layer
 *   fluxcd/infrastructure/sources/  HelmRepository of the falcosecurity charts
 *   fluxcd/infrastructure/falco/    namespace, k8s-metacollector, one Falco per variant
 *   fluxcd/benchmark/               namespace, one event-generator bench per variant
 *
 * Layers run in that order: sources -> falco (wait: every Falco Ready) -> benchmark.
 */
import { BENCHMARK_NAMESPACE, FALCO_NAMESPACE, benchmarkReleaseName, clusterPath, falcoReleaseName } from '../contract/naming';
import type { BenchConfig, VariantConfig } from '../config/schema';
import { benchmarkRelease } from './benchmark';
import { falcoRelease } from './falco';
import { chartRepository, kustomizeFile, layer, namespace } from './flux';
import { metacollectorRelease } from './metacollector';
import type { GitopsInputs } from './inputs';
import type { GeneratedObject } from './types';
import { CHART_REPOSITORY } from './versions';
import { renderFile } from './yaml';

/** The folder the generator owns, relative to the repository root. */
export const GITOPS_ROOT = 'fluxcd';

export const LAYER_PATHS = {
  sources: `${GITOPS_ROOT}/infrastructure/sources`,
  falco: `${GITOPS_ROOT}/infrastructure/falco`,
  benchmark: `${GITOPS_ROOT}/benchmark`,
} as const;

/** Time for a layer to apply and become Ready; Falco's covers the kmod driver download or build. */
const LAYER_TIMEOUTS = { sources: '5m', falco: '15m', benchmark: '5m' } as const;

export interface TreeFile {
  /** Relative to the repository root, always under `fluxcd/`. */
  path: string;
  objects: GeneratedObject[];
}

const byName = (variants: readonly VariantConfig[]) => [...variants].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** A kustomize folder: its objects, one file each, and the kustomization.yaml listing them. */
function folder(dir: string, files: [string, GeneratedObject][]): TreeFile[] {
  return [
    { path: `${dir}/kustomization.yaml`, objects: [kustomizeFile(files.map(([name]) => name))] },
    ...files.map(([name, object]) => ({ path: `${dir}/${name}`, objects: [object] })),
  ];
}

export function buildTree(config: BenchConfig, inputs: GitopsInputs): TreeFile[] {
  const interval = config.flux.interval;
  const variants = byName(config.benchmark.variants);
  const layers = {
    sources: layer({ name: 'sources', path: LAYER_PATHS.sources, interval, timeout: LAYER_TIMEOUTS.sources }),
    falco: layer({ name: 'falco', path: LAYER_PATHS.falco, interval, timeout: LAYER_TIMEOUTS.falco, dependsOn: ['sources'] }),
    benchmark: layer({ name: 'benchmark', path: LAYER_PATHS.benchmark, interval, timeout: LAYER_TIMEOUTS.benchmark, dependsOn: ['falco'] }),
  };
  const files = [
    ...folder(clusterPath(config), [
      ['sources.yaml', layers.sources],
      ['falco.yaml', layers.falco],
      ['benchmark.yaml', layers.benchmark],
    ]),
    ...folder(LAYER_PATHS.sources, [[`${CHART_REPOSITORY.name}.yaml`, chartRepository()]]),
    ...folder(LAYER_PATHS.falco, [
      ['namespace.yaml', namespace(FALCO_NAMESPACE)],
      ['k8s-metacollector.yaml', metacollectorRelease(config)],
      ...variants.map((v): [string, GeneratedObject] => [`${falcoReleaseName(v)}.yaml`, falcoRelease(config, v, inputs.rules)]),
    ]),
    ...folder(LAYER_PATHS.benchmark, [
      ['namespace.yaml', namespace(BENCHMARK_NAMESPACE)],
      ...variants.map((v): [string, GeneratedObject] => [`${benchmarkReleaseName(v)}.yaml`, benchmarkRelease(config, v, inputs.rules)]),
    ]),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Relative path -> file text, sorted by path. */
export function renderTree(config: BenchConfig, inputs: GitopsInputs): Map<string, string> {
  return new Map(buildTree(config, inputs).map((f) => [f.path, renderFile(f.objects)]));
}
