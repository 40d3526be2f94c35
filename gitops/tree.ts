/**
 * The whole `fluxcd/` tree from the configuration: config -> objects -> files. Pure and deterministic: the same
 * configuration always gives the same paths and bytes (variants sorted by name, no timestamps).
 *
 *   fluxcd/clusters/<cluster>/        what the bootstrap's root Kustomization syncs: one Flux Kustomization per layer
 *   fluxcd/infrastructure/namespaces/ the `falco` namespace, which the falco and response layers both use (one owner)
 *   fluxcd/infrastructure/sources/    HelmRepository of the falcosecurity charts
 *   fluxcd/infrastructure/falco/      k8s-metacollector, one Falco per variant
 *   fluxcd/benchmark/                 namespace, one event-generator bench per variant
 *   fluxcd/infrastructure/response/   guard Falco, Falcosidekick, responder (code and policy), NetworkPolicies, Receiver
 *   fluxcd/infrastructure/tenants/    tenant namespaces, the tenant identity and its RoleBindings, the apps
 *                                     repository's GitRepository and its Kustomizations `apps` and `responses`
 *
 * The users' workloads and the responder's responses are not here: they live in the apps (tenant) repository,
 * which Flux applies as the tenant ServiceAccount (tenants.ts). Every platform layer runs as kustomize-controller
 * and every HelmRelease as helm-controller (multi-tenancy lockdown: nothing else has rights).
 *
 * Infrastructure layers run in order: namespaces + sources -> falco (wait: every Falco Ready) -> benchmark;
 * namespaces + sources -> response. `tenants` depends on nothing. With `response.enabled: false` the response and
 * tenants layers are left out (no apps repository, no tenant objects).
 */
import {
  BENCHMARK_NAMESPACE,
  FALCO_NAMESPACE,
  FALCOSIDEKICK_RELEASE_NAME,
  GUARD_FALCO_RELEASE_NAME,
  RESPONDER_BUNDLE,
  RESPONDER_NAME,
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
  RESPONDER_POLICY_FILE,
  checkResponderBundle,
  falcosidekickNetworkPolicy,
  falcosidekickRelease,
  guardFalcoRelease,
  receiver,
  responderCodeGenerator,
  responderDeployment,
  responderNetworkPolicy,
  responderPolicyFile,
  responderPolicyGenerator,
  responderService,
} from './response';
import { appsGitRepository, tenantKustomizations, tenantNamespace, tenantRole, tenantRoleBinding, tenantServiceAccount, tenantsLayer } from './tenants';
import type { GitopsInputs } from './inputs';
import type { GeneratedObject } from './types';
import { CHART_REPOSITORY } from '../contract/versions';
import { renderFile } from './yaml';

/** The folder the generator owns, relative to the repository root. */
export const GITOPS_ROOT = 'fluxcd';

export const LAYER_PATHS = {
  namespaces: `${GITOPS_ROOT}/infrastructure/namespaces`,
  sources: `${GITOPS_ROOT}/infrastructure/sources`,
  falco: `${GITOPS_ROOT}/infrastructure/falco`,
  benchmark: `${GITOPS_ROOT}/benchmark`,
  response: RESPONSE_LAYER_DIR,
  tenants: `${GITOPS_ROOT}/infrastructure/tenants`,
} as const;

/** Time for a layer to apply and become Ready; Falco's covers the kmod driver download or build. */
/** Files under `fluxcd/` the generator does not own: the responder's bundle is `npm run build:responder`'s. */
export const UNOWNED_FILES: readonly string[] = [RESPONDER_BUNDLE];

const LAYER_TIMEOUTS = { namespaces: '2m', sources: '5m', falco: '15m', benchmark: '5m', response: '15m', tenants: '5m' } as const;

export interface TreeFile {
  /** Relative to the repository root, always under `fluxcd/`. */
  path: string;
  /** YAML documents, written with the generated-file header... */
  objects?: GeneratedObject[];
  /** ...or a file copied verbatim (the responder's bundle). */
  text?: string;
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
  const kustomization = { ...kustomizeFile(files.map(([name]) => name)), configMapGenerator: [responderCodeGenerator(), responderPolicyGenerator()] };
  return [
    { path: `${dir}/kustomization.yaml`, objects: [kustomization] },
    ...files.map(([name, objects]) => ({ path: `${dir}/${name}`, objects })),
    { path: `${dir}/${RESPONDER_POLICY_FILE}`, text: responderPolicyFile(config, inputs.policy) },
  ];
}

/** The tenants layer: namespaces, identity and RoleBindings first, then the source and what applies it. */
function tenantsFolder(config: BenchConfig): TreeFile[] {
  const namespaces = [...config.response.apps.namespaces].sort();
  const files: [string, GeneratedObject[]][] = [
    ['namespaces.yaml', namespaces.map(tenantNamespace)],
    ['rbac.yaml', [tenantServiceAccount(), tenantRole(), ...namespaces.map(tenantRoleBinding)]],
    ['apps-source.yaml', [appsGitRepository(config), ...tenantKustomizations(config)]],
  ];
  return [
    { path: `${LAYER_PATHS.tenants}/kustomization.yaml`, objects: [kustomizeFile(files.map(([name]) => name))] },
    ...files.map(([name, objects]) => ({ path: `${LAYER_PATHS.tenants}/${name}`, objects })),
  ];
}

export function buildTree(config: BenchConfig, inputs: GitopsInputs): TreeFile[] {
  const interval = config.flux.interval;
  const variants = byName(config.benchmark.variants);
  const response = config.response.enabled;
  const layers = {
    namespaces: layer({ name: 'namespaces', path: LAYER_PATHS.namespaces, interval, timeout: LAYER_TIMEOUTS.namespaces }),
    sources: layer({ name: 'sources', path: LAYER_PATHS.sources, interval, timeout: LAYER_TIMEOUTS.sources }),
    falco: layer({ name: 'falco', path: LAYER_PATHS.falco, interval, timeout: LAYER_TIMEOUTS.falco, dependsOn: ['namespaces', 'sources'] }),
    benchmark: layer({ name: 'benchmark', path: LAYER_PATHS.benchmark, interval, timeout: LAYER_TIMEOUTS.benchmark, dependsOn: ['falco'] }),
    // Not after `falco`: that layer is Ready only when every benchmark Falco is, and a failing variant must not
    // keep the response engine off the cluster. The guard's HelmRelease waits for the metacollector itself; the
    // `falco` namespace it installs into is the namespaces layer's, which both wait for.
    response: layer({ name: 'response', path: LAYER_PATHS.response, interval, timeout: LAYER_TIMEOUTS.response, dependsOn: ['namespaces', 'sources'] }),
    // No dependsOn: the users' workloads and the undo of a response must reconcile whatever the state of the
    // benchmark or of the responder itself.
    tenants: tenantsLayer(config, LAYER_PATHS.tenants, LAYER_TIMEOUTS.tenants),
  };
  const files = [
    ...folder(clusterPath(config), [
      ['namespaces.yaml', layers.namespaces],
      ['sources.yaml', layers.sources],
      ['falco.yaml', layers.falco],
      ['benchmark.yaml', layers.benchmark],
      ...(response
        ? ([
            ['response.yaml', layers.response],
            ['tenants.yaml', layers.tenants],
          ] as [string, GeneratedObject][])
        : []),
    ]),
    ...(response ? [...responseFolder(config, inputs), ...tenantsFolder(config)] : []),
    ...folder(LAYER_PATHS.namespaces, [['falco.yaml', namespace(FALCO_NAMESPACE)]]),
    ...folder(LAYER_PATHS.sources, [[`${CHART_REPOSITORY.name}.yaml`, chartRepository()]]),
    ...folder(LAYER_PATHS.falco, [
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
  return new Map(buildTree(config, inputs).map((f) => [f.path, f.text ?? renderFile(f.objects ?? [])]));
}
