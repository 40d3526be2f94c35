/**
 * The whole `fluxcd/` tree from the configuration: config -> objects -> files. Pure and deterministic: the same
 * configuration always gives the same paths and bytes (variants sorted by name, no timestamps).
 *
 *   fluxcd/clusters/<cluster>/      what the bootstrap's root Kustomization syncs: one Flux Kustomization per layer
 *   fluxcd/infrastructure/sources/  HelmRepository of the falcosecurity charts
 *   fluxcd/infrastructure/falco/    namespace, k8s-metacollector, one Falco per variant
 *   fluxcd/benchmark/               namespace, one event-generator bench per variant
 *   fluxcd/infrastructure/response/ guard Falco, Falcosidekick, responder, their NetworkPolicies, Flux Receiver;
 *                                   beside them the responder's bundle (built by `npm run build:responder`, not here)
 *   fluxcd/apps/                    (not generated: created once, then the users') their workloads, the demo
 *   fluxcd/responses/               (not generated: the responder's) NetworkPolicies of `isolate` responses
 *
 * Infrastructure layers run in order: sources -> falco (wait: every Falco Ready) -> benchmark; sources -> response.
 * `apps` and `responses` depend on nothing: the users' workloads and the responses to them (a `git revert` of one,
 * above all) must reconcile whatever the state of the benchmark or of the responder itself. With
 * `response.enabled: false` the response layer and `responses` are left out.
 */
import {
  APPS_DIR,
  BENCHMARK_NAMESPACE,
  FALCO_NAMESPACE,
  FALCOSIDEKICK_RELEASE_NAME,
  GUARD_FALCO_RELEASE_NAME,
  RESPONDER_BUNDLE,
  RESPONDER_NAME,
  RESPONSES_DIR,
  RESPONSE_LAYER_DIR,
  benchmarkReleaseName,
  clusterPath,
  falcoReleaseName,
} from '../contract/naming';
import type { BenchConfig, VariantConfig } from '../config/schema';
import { benchmarkRelease } from './benchmark';
import { falcoRelease } from './falco';
import { chartRepository, kustomizeFile, layer, namespace } from './flux';
import { metacollectorRelease } from './metacollector';
import {
  checkResponderBundle,
  falcosidekickNetworkPolicy,
  falcosidekickRelease,
  guardFalcoRelease,
  receiver,
  responderCodeGenerator,
  responderDeployment,
  responderNetworkPolicy,
  responderService,
} from './response';
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
  response: RESPONSE_LAYER_DIR,
  apps: APPS_DIR,
  responses: RESPONSES_DIR,
} as const;

/**
 * Folders under `fluxcd/` the generator does not own (see apps.ts): `npm run gitops` and `--check` neither
 * compare nor remove what is in them.
 */
export const UNOWNED_DIRS: readonly string[] = [APPS_DIR, RESPONSES_DIR];
/** Files under `fluxcd/` the generator does not own: the responder's bundle is `npm run build:responder`'s. */
export const UNOWNED_FILES: readonly string[] = [RESPONDER_BUNDLE];

/** Time for a layer to apply and become Ready; Falco's covers the kmod driver download or build. */
const LAYER_TIMEOUTS = { sources: '5m', falco: '15m', benchmark: '5m', response: '15m', apps: '5m', responses: '2m' } as const;

export interface TreeFile {
  /** Relative to the repository root, always under `fluxcd/`. */
  path: string;
  /** YAML documents, written with the generated-file header. */
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

/**
 * The response layer: the namespace is Terraform's (it holds the Secrets before Flux starts), not listed here. The
 * responder's code is the committed bundle beside these files; it must be there (checked), but is not written here.
 */
function responseFolder(config: BenchConfig, inputs: GitopsInputs): TreeFile[] {
  checkResponderBundle(inputs.responderBundle);
  const dir = LAYER_PATHS.response;
  const files: [string, GeneratedObject[]][] = [
    [`${GUARD_FALCO_RELEASE_NAME}.yaml`, [guardFalcoRelease(config, inputs.rules)]],
    [`${FALCOSIDEKICK_RELEASE_NAME}.yaml`, [falcosidekickRelease(config)]],
    [`${RESPONDER_NAME}.yaml`, [responderDeployment(config), responderService()]],
    ['network-policies.yaml', [responderNetworkPolicy(), falcosidekickNetworkPolicy()]],
    ['receiver.yaml', [receiver()]],
  ];
  const kustomization = { ...kustomizeFile(files.map(([name]) => name)), configMapGenerator: [responderCodeGenerator()] };
  return [
    { path: `${dir}/kustomization.yaml`, objects: [kustomization] },
    ...files.map(([name, objects]) => ({ path: `${dir}/${name}`, objects })),
  ];
}

export function buildTree(config: BenchConfig, inputs: GitopsInputs): TreeFile[] {
  const interval = config.flux.interval;
  const variants = byName(config.benchmark.variants);
  const response = config.response.enabled;
  const layers = {
    sources: layer({ name: 'sources', path: LAYER_PATHS.sources, interval, timeout: LAYER_TIMEOUTS.sources }),
    falco: layer({ name: 'falco', path: LAYER_PATHS.falco, interval, timeout: LAYER_TIMEOUTS.falco, dependsOn: ['sources'] }),
    benchmark: layer({ name: 'benchmark', path: LAYER_PATHS.benchmark, interval, timeout: LAYER_TIMEOUTS.benchmark, dependsOn: ['falco'] }),
    // Not after `falco`: that layer is Ready only when every benchmark Falco is, and a failing variant must not
    // keep the response engine off the cluster. The guard's HelmRelease waits for the metacollector itself; on a
    // first install this layer retries until the falco layer has created the `falco` namespace.
    response: layer({ name: 'response', path: LAYER_PATHS.response, interval, timeout: LAYER_TIMEOUTS.response, dependsOn: ['sources'] }),
    // No dependsOn for these two: a dependency that is not Ready (a benchmark Falco, the responder) would stop
    // them, and with them the undo of a response. A response for a namespace the apps layer has not created yet
    // fails until it exists, and Flux retries it.
    apps: layer({ name: 'apps', path: LAYER_PATHS.apps, interval, timeout: LAYER_TIMEOUTS.apps }),
    responses: layer({ name: 'responses', path: LAYER_PATHS.responses, interval, timeout: LAYER_TIMEOUTS.responses }),
  };
  const files = [
    ...folder(clusterPath(config), [
      ['sources.yaml', layers.sources],
      ['falco.yaml', layers.falco],
      ['benchmark.yaml', layers.benchmark],
      ...(response ? ([['response.yaml', layers.response]] as [string, GeneratedObject][]) : []),
      ['apps.yaml', layers.apps],
      ...(response ? ([['responses.yaml', layers.responses]] as [string, GeneratedObject][]) : []),
    ]),
    ...(response ? responseFolder(config, inputs) : []),
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
