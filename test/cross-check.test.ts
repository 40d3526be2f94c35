/**
 * The CDKTF app and the GitOps generator read one configuration; these checks tie what each produces together:
 * every Falco and benchmark lands on exactly its variant's node pool, and the bootstrap syncs the folder and
 * names the source that the tree expects.
 */
import { goDurationSeconds } from '../config/duration';
import { GUARD_FALCO_RELEASE_NAME } from '../contract/naming';
import { runInputs } from '../gitops/benchmark';
import { renderTree } from '../gitops/tree';
import { parseRendered, ofKind, type Obj, repoInputs } from './helpers/gitops-tree';
import { resources, synthStacks } from './helpers/synth';

const HELM_RELEASE = 'helm.toolkit.fluxcd.io/v2';

function check(partial: Parameters<typeof synthStacks>[0]) {
  const { config, infrastructure, flux } = synthStacks(partial);
  const parsed = parseRendered(renderTree(config, repoInputs));
  return { config, infrastructure, flux, parsed };
}

/** `key=value:Effect` (AKS) as a Kubernetes toleration that matches exactly that taint. */
function tolerationFor(taint: string) {
  const m = /^([^=]+)=([^:]+):(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(taint);
  if (!m) throw new Error(`not an AKS taint: ${taint}`);
  return { key: m[1], operator: 'Equal', value: m[2], effect: m[3] };
}

/** Does a pod with this node selector and these tolerations fit on the pool's nodes? */
function fits(pool: Obj, nodeSelector: Record<string, string>, tolerations: Obj[]): boolean {
  const labelsMatch = Object.entries(nodeSelector).every(([k, v]) => pool.node_labels?.[k] === v);
  const taintsTolerated = (pool.node_taints ?? []).every((t: string) =>
    tolerations.some((tol) => JSON.stringify(tol) === JSON.stringify(tolerationFor(t))),
  );
  return labelsMatch && taintsTolerated;
}

describe.each([
  ['the default configuration', {}],
  ['another cluster and variant list', { cluster: { name: 'bench-two' }, benchmark: { variants: [{ name: 'solo', driver: 'kmod' as const, bufferedOutputs: true, cpu: { request: '500m', limit: '1' }, memory: { request: '512Mi', limit: '1Gi' } }] } }],
])('Terraform node pools and the GitOps tree, for %s', (_label, partial) => {
  const { config, infrastructure, flux, parsed } = check(partial);
  const pools = resources(infrastructure, 'azurerm_kubernetes_cluster_node_pool');
  const releases = ofKind(parsed, HELM_RELEASE, 'HelmRelease');

  it.each(config.benchmark.variants.map((v) => [v.name]))("variant %s: its Falco and its benchmark fit exactly its node pool", (name) => {
    const pool = pools.find((p) => p.name === name);
    expect(pool).toBeDefined();
    for (const releaseName of [`falco-${name}`, `bench-${name}`]) {
      const release = releases.find((r) => r.metadata.name === releaseName);
      expect(release).toBeDefined();
      const { nodeSelector, tolerations } = release!.spec.values;
      const fitting = pools.filter((p) => fits(p, nodeSelector, tolerations)).map((p) => p.name);
      expect([releaseName, fitting]).toEqual([releaseName, [name]]);
      // Exactly the pool's label and taint, nothing looser.
      expect(nodeSelector).toEqual(pool!.node_labels);
      expect(tolerations).toEqual(pool!.node_taints.map(tolerationFor));
    }
  });

  it('has one node pool per Falco release and no other benchmark pools', () => {
    const falcoNames = releases
      .filter((r) => r.spec.chart.spec.chart === 'falco' && r.metadata.name !== GUARD_FALCO_RELEASE_NAME)
      .map((r) => r.metadata.name.replace(/^falco-/, ''));
    expect(falcoNames.sort()).toEqual(pools.map((p) => p.name).sort());
  });

  it('on destroy, Helm outlasts the root Kustomization, which outlasts every generated layer', () => {
    const sync = Object.values<Obj>(flux.resource.helm_release).find((r) => r.chart === 'flux2-sync')!;
    const root = goDurationSeconds(/"timeout" = "([^"]+)"/.exec(sync.values[0])![1]);
    const layers = ofKind(parsed, 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization');
    for (const k of layers) {
      expect(k.spec.deletionPolicy).toBe('WaitForTermination');
      expect(goDurationSeconds(k.spec.timeout)).toBeLessThan(root);
    }
    for (const release of Object.values<Obj>(flux.resource.helm_release)) expect(release.timeout).toBeGreaterThan(root);
  });

  it('keeps the guard Falco off every benchmark node, by taint and by node affinity', () => {
    const guard = releases.find((r) => r.metadata.name === GUARD_FALCO_RELEASE_NAME)!;
    const values = guard.spec.values;
    expect(pools.filter((p) => fits(p, values.nodeSelector ?? {}, values.tolerations))).toEqual([]);
    // The system pool has no taint and no variant label: the guard fits there.
    const aks = Object.values<Obj>(infrastructure.resource.azurerm_kubernetes_cluster)[0];
    expect(fits({ node_labels: aks.default_node_pool.node_labels, node_taints: aks.default_node_pool.node_taints }, values.nodeSelector ?? {}, values.tolerations)).toBe(true);
    const terms = values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    for (const pool of pools) {
      const label = Object.keys(pool.node_labels)[0];
      expect(terms).toEqual([{ matchExpressions: [{ key: label, operator: 'DoesNotExist' }] }]);
    }
  });

  it("the benchmark run hash covers the cluster's network data plane as Terraform sets it", () => {
    const aks = Object.values<Obj>(infrastructure.resource.azurerm_kubernetes_cluster)[0];
    for (const v of config.benchmark.variants) {
      const network = runInputs(config, v).node.network;
      expect(aks.network_profile).toMatchObject({
        network_plugin: network.plugin,
        network_plugin_mode: network.pluginMode,
        network_data_plane: network.dataPlane,
        network_policy: network.policy,
        pod_cidr: network.podCidr,
        service_cidr: network.serviceCidr,
      });
    }
  });

  it('keeps the k8s-metacollector off every benchmark node (it runs on the system pool)', () => {
    const collector = releases.find((r) => r.spec.chart.spec.chart === 'k8s-metacollector')!;
    const values = collector.spec.values ?? {};
    expect(pools.filter((p) => fits(p, values.nodeSelector ?? {}, values.tolerations ?? []))).toEqual([]);
  });

  it('the bootstrap syncs the folder of the tree and the source its Kustomizations name', () => {
    const sync = Object.values<Obj>(flux.resource.helm_release).find((r) => r.chart === 'flux2-sync')!;
    const path = /"path" = "\.\/([^"]+)"/.exec(sync.values[0])![1];
    const rootFiles = [...parsed.keys()].filter((p) => p.startsWith(`${path}/`));
    expect(rootFiles).toContain(`${path}/kustomization.yaml`);
    const layers = ofKind(parsed, 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization');
    expect(layers.length).toBeGreaterThanOrEqual(3);
    // Platform layers read the bootstrap's GitRepository; the tenant ones (apps, responses) the apps repository's.
    const appsSource = ofKind(parsed, 'source.toolkit.fluxcd.io/v1', 'GitRepository').map((g) => g.metadata.name);
    for (const k of layers) {
      const tenant = k.spec.serviceAccountName === 'apps-reconciler';
      expect(k.spec.sourceRef).toEqual({ kind: 'GitRepository', name: tenant ? appsSource[0] : sync.name });
      expect(k.metadata.namespace).toBe(sync.namespace);
    }
    expect(layers.filter((k) => k.spec.sourceRef.name !== sync.name).map((k) => k.metadata.name).sort()).toEqual(['apps', 'responses']);
  });
});
