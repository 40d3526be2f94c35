/**
 * Least privilege of the response path, evaluated offline over everything that lands on the cluster: the flux2
 * chart (2.18.3, rendered by the real helm with the values the FluxBootstrap passes) and flux2-sync, the
 * generated tree and what its HelmReleases render, and Terraform's kubernetes resources. An RBAC evaluator
 * (bindings -> roles -> rules, aggregated ClusterRoles, ServiceAccount groups) answers what an identity may do.
 *
 * For the identity that applies the apps repository: only workload kinds in the tenant namespaces, nothing
 * cluster-scoped, no RBAC, no Flux object, no Secret elsewhere. For every platform Kustomization and HelmRelease:
 * the ServiceAccount it names under the lockdown is bound to cluster-admin. Not verifiable here (README):
 * kustomize-controller's impersonation on a real API server.
 */
import {
  APPS_TENANT_SERVICE_ACCOUNT,
  FLUX_HELM_SERVICE_ACCOUNT,
  FLUX_KUSTOMIZE_SERVICE_ACCOUNT,
  FLUX_NAMESPACE,
  FLUX_SYNC_NAME,
  PROTECTED_NAMESPACES,
  BENCHMARK_NAMESPACE,
  clusterPath,
} from '../contract/naming';
import { FLUX_CHARTS, flux2SyncValues, flux2Values } from '../constructs/flux-bootstrap';
import { renderTree } from '../gitops/tree';
import type { HelmRelease } from '../gitops/types';
import { Obj, allObjects, changed, defaultConfig, parseRendered, repoInputs } from './helpers/gitops-tree';
import { K8sObject, chartDir, helmTemplate, renderHelmRelease } from './helpers/helm';
import { synthStacks } from './helpers/synth';
import { describeWithUpstream, upstreamChartValues } from './helpers/upstream';
import { unknownValueKeys } from './helpers/chart-values';

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  nonResourceURLs?: string[];
}
interface Identity {
  namespace: string;
  name: string;
}
/** One right: `scope` is a namespace, or `*` (a ClusterRoleBinding: every namespace and cluster-scoped objects). */
interface Grant {
  scope: string;
  apiGroup: string;
  resource: string;
  verb: string;
  via: string;
}

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection', '*'];
/** Roles Kubernetes itself provides; `cluster-admin` may do everything. */
const BUILTIN_ROLES: Record<string, Rule[]> = { 'cluster-admin': [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] };

/** The RBAC evaluator over a set of objects. */
function rbac(objects: Obj[]) {
  const clusterRoles = objects.filter((o) => o.kind === 'ClusterRole');
  const roles = objects.filter((o) => o.kind === 'Role');
  const matchesSelector = (labels: Record<string, string> | undefined, selector: { matchLabels?: Record<string, string> }) =>
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);
  function clusterRoleRules(name: string, seen = new Set<string>()): Rule[] {
    if (seen.has(name)) return [];
    seen.add(name);
    const role = clusterRoles.find((r) => r.metadata.name === name);
    if (!role) {
      if (BUILTIN_ROLES[name]) return BUILTIN_ROLES[name];
      // An unknown role (one of Kubernetes' own, such as `admin`): assume the worst.
      return [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
    }
    const aggregated = (role.aggregationRule?.clusterRoleSelectors ?? []).flatMap((sel: Obj) =>
      clusterRoles.filter((r) => matchesSelector(r.metadata.labels, sel)).flatMap((r) => clusterRoleRules(r.metadata.name, seen)),
    );
    return [...(role.rules ?? []), ...aggregated];
  }
  const subjectIs = (s: Obj, who: Identity) =>
    (s.kind === 'ServiceAccount' && s.name === who.name && (s.namespace ?? '') === who.namespace) ||
    (s.kind === 'User' && s.name === `system:serviceaccount:${who.namespace}:${who.name}`) ||
    (s.kind === 'Group' && ['system:serviceaccounts', `system:serviceaccounts:${who.namespace}`, 'system:authenticated'].includes(s.name));

  /** The bindings naming an identity (directly or by one of its groups). */
  const bindingsOf = (who: Identity) => objects.filter((o) => (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') && (o.subjects ?? []).some((s: Obj) => subjectIs(s, who)));

  function grants(who: Identity): Grant[] {
    return bindingsOf(who).flatMap((b) => {
      const scope = b.kind === 'ClusterRoleBinding' ? '*' : b.metadata.namespace;
      const rules: Rule[] =
        b.roleRef.kind === 'ClusterRole'
          ? clusterRoleRules(b.roleRef.name)
          : (roles.find((r) => r.metadata.name === b.roleRef.name && r.metadata.namespace === b.metadata.namespace)?.rules ?? []);
      return rules.flatMap((r) =>
        (r.apiGroups ?? []).flatMap((apiGroup) =>
          (r.resources ?? []).flatMap((resource) => r.verbs.map((verb) => ({ scope, apiGroup, resource, verb, via: `${b.kind}/${b.metadata.name}` }))),
        ),
      );
    });
  }

  /** May `who` do `verb` on `resource` of `apiGroup` in `namespace` (undefined: a cluster-scoped object)? */
  function can(who: Identity, verb: string, apiGroup: string, resource: string, namespace?: string): boolean {
    return grants(who).some(
      (g) =>
        (g.scope === '*' || (namespace !== undefined && g.scope === namespace)) &&
        (g.apiGroup === '*' || g.apiGroup === apiGroup) &&
        (g.resource === '*' || g.resource === resource) &&
        (g.verb === '*' || g.verb === verb),
    );
  }
  return { grants, can, bindingsOf };
}

const config = defaultConfig();
const tree = renderTree(config, repoInputs);
const treeObjects = allObjects(parseRendered(tree)).filter((o) => o.apiVersion !== 'kustomize.config.k8s.io/v1beta1');
const tenantNamespaces = config.response.apps.namespaces;
const tenant: Identity = { namespace: FLUX_NAMESPACE, name: APPS_TENANT_SERVICE_ACCOUNT };

/** Terraform's kubernetes resources (the flux stack), as the kinds they create. */
function terraformKubernetesKinds(): string[] {
  const { flux } = synthStacks();
  return Object.keys(flux.resource ?? {}).filter((t) => t.startsWith('kubernetes_'));
}

describe('Terraform creates no RBAC object on the cluster', () => {
  it('only a namespace, Secrets and a ConfigMap', () => {
    expect(terraformKubernetesKinds().sort()).toEqual(['kubernetes_config_map_v1', 'kubernetes_namespace_v1', 'kubernetes_secret_v1']);
  });
});

describeWithUpstream('RBAC of everything that lands on the cluster (flux2 2.18.3 rendered, the tree, its charts)', () => {
  const syncValues = flux2SyncValues({
    url: 'ssh://git@github.com/octo/falco-aks-gitops-bench',
    branch: config.github.branch,
    path: `./${clusterPath(config)}`,
    interval: config.flux.interval,
    identityPub: 'ssh-ed25519 AAAA test',
    knownHosts: 'github.com ssh-ed25519 AAAA',
  });
  const fluxChart = helmTemplate({ chart: chartDir('flux2', FLUX_CHARTS.flux2), release: 'flux2', namespace: FLUX_NAMESPACE, values: flux2Values() });
  const syncChart = helmTemplate({
    chart: chartDir('flux2-sync', FLUX_CHARTS.flux2Sync),
    release: FLUX_SYNC_NAME,
    namespace: FLUX_NAMESPACE,
    values: { ...syncValues, secret: { create: true, data: { ...(syncValues.secret as Obj).data, identity: 'x' } } },
  });
  const releases = treeObjects.filter((o) => o.kind === 'HelmRelease') as HelmRelease[];
  const charts: K8sObject[] = releases.flatMap((r) => renderHelmRelease(r));
  const everything: Obj[] = [...fluxChart, ...syncChart, ...treeObjects, ...charts];
  const { grants, can, bindingsOf } = rbac(everything);

  it('the bootstrap\'s values are keys of flux2 2.18.3 and flux2-sync 1.14.5', () => {
    expect(unknownValueKeys(flux2Values(), upstreamChartValues('flux2', FLUX_CHARTS.flux2))).toEqual([]);
    // `secret.data` is the Secret's own content (free-form): checked down to `secret.data`.
    const { data, ...secret } = syncValues.secret as Obj;
    expect(Object.keys(data).sort()).toEqual(['identity.pub', 'known_hosts']);
    expect(unknownValueKeys({ ...syncValues, secret: { ...secret, data: {} } }, upstreamChartValues('flux2-sync', FLUX_CHARTS.flux2Sync))).toEqual([]);
    const root = syncChart.find((o) => o.kind === 'Kustomization') as Obj;
    expect(root.spec.serviceAccountName).toBe(FLUX_KUSTOMIZE_SERVICE_ACCOUNT);
  });

  it('the lockdown is on in the rendered controllers: no cross-namespace references, `default` for objects that name no ServiceAccount', () => {
    for (const name of ['kustomize-controller', 'helm-controller', 'notification-controller', 'source-controller']) {
      const d = everything.find((o) => o.kind === 'Deployment' && o.metadata.name === name)!;
      const args: string[] = d.spec.template.spec.containers[0].args;
      if (name !== 'source-controller') expect([name, args]).toEqual([name, expect.arrayContaining(['--no-cross-namespace-refs=true'])]);
      if (name === 'kustomize-controller' || name === 'helm-controller') expect(args).toContain('--default-service-account=default');
    }
  });

  it('the identity applying the apps repository may write workload kinds in the tenant namespaces, and nothing else', () => {
    expect(bindingsOf(tenant).map((b) => `${b.kind} ${b.metadata.namespace}/${b.metadata.name}`).sort()).toEqual(
      tenantNamespaces.map((n) => `RoleBinding ${n}/${APPS_TENANT_SERVICE_ACCOUNT}`).sort(),
    );
    const writes = grants(tenant).filter((g) => WRITE_VERBS.includes(g.verb));
    // What it may create/update/delete, by namespace and kind:
    const byScope = new Map<string, Set<string>>();
    for (const g of writes) byScope.set(g.scope, (byScope.get(g.scope) ?? new Set()).add(`${g.apiGroup || 'core'}/${g.resource}`));
    const expected = [
      'apps/deployments', 'apps/statefulsets', 'autoscaling/horizontalpodautoscalers', 'batch/cronjobs', 'batch/jobs',
      'core/configmaps', 'core/persistentvolumeclaims', 'core/secrets', 'core/services',
      'networking.k8s.io/ingresses', 'networking.k8s.io/networkpolicies', 'policy/poddisruptionbudgets',
    ];
    expect(Object.fromEntries([...byScope].map(([scope, kinds]) => [scope, [...kinds].sort()]))).toEqual(Object.fromEntries(tenantNamespaces.map((n) => [n, expected])));
    for (const g of grants(tenant)) {
      const id = `${g.scope} ${g.apiGroup}/${g.resource} ${g.verb}`;
      expect({ id, scoped: g.scope !== '*' && tenantNamespaces.includes(g.scope) }).toEqual({ id, scoped: true });
      expect({ id, wildcard: g.apiGroup === '*' || g.resource === '*' || g.verb === '*' }).toEqual({ id, wildcard: false });
      expect({ id, escalation: g.apiGroup === 'rbac.authorization.k8s.io' || /toolkit\.fluxcd\.io$/.test(g.apiGroup) || ['impersonate', 'bind', 'escalate'].includes(g.verb) }).toEqual({ id, escalation: false });
      expect({ id, dangerous: ['serviceaccounts', 'namespaces', 'nodes', 'pods/exec', 'serviceaccounts/token'].includes(g.resource) }).toEqual({ id, dangerous: false });
    }
  });

  it('what a stolen responder key can push into the apps repository fails to apply', () => {
    const attempts: [string, string, string, string | undefined][] = [
      ['a ClusterRole', 'rbac.authorization.k8s.io', 'clusterroles', undefined],
      ['a ClusterRoleBinding', 'rbac.authorization.k8s.io', 'clusterrolebindings', undefined],
      ['a RoleBinding in its own namespace', 'rbac.authorization.k8s.io', 'rolebindings', tenantNamespaces[0]],
      ['a Namespace', '', 'namespaces', undefined],
      ['a Kustomization (to point at the platform source)', 'kustomize.toolkit.fluxcd.io', 'kustomizations', tenantNamespaces[0]],
      ['a Kustomization in flux-system', 'kustomize.toolkit.fluxcd.io', 'kustomizations', FLUX_NAMESPACE],
      ['a HelmRelease', 'helm.toolkit.fluxcd.io', 'helmreleases', tenantNamespaces[0]],
      ['a GitRepository', 'source.toolkit.fluxcd.io', 'gitrepositories', tenantNamespaces[0]],
      ['a pod in kube-system', '', 'pods', 'kube-system'],
      ['a Deployment in kube-system', 'apps', 'deployments', 'kube-system'],
      ['a DaemonSet in a tenant namespace', 'apps', 'daemonsets', tenantNamespaces[0]],
      ['a ServiceAccount', '', 'serviceaccounts', tenantNamespaces[0]],
      ['a Secret in flux-system', '', 'secrets', FLUX_NAMESPACE],
      ...[...PROTECTED_NAMESPACES, BENCHMARK_NAMESPACE].map((n): [string, string, string, string] => [`a Deployment in ${n}`, 'apps', 'deployments', n]),
      ...[...PROTECTED_NAMESPACES, BENCHMARK_NAMESPACE].map((n): [string, string, string, string] => [`a NetworkPolicy in ${n}`, 'networking.k8s.io', 'networkpolicies', n]),
    ];
    for (const [what, group, resource, ns] of attempts) {
      for (const verb of ['create', 'update', 'patch', 'delete']) expect({ what, verb, allowed: can(tenant, verb, group, resource, ns) }).toEqual({ what, verb, allowed: false });
    }
    // What the responder itself writes does apply: its Deployments' replicas and isolate NetworkPolicies.
    expect(can(tenant, 'patch', 'apps', 'deployments', 'demo')).toBe(true);
    expect(can(tenant, 'create', 'networking.k8s.io', 'networkpolicies', 'demo')).toBe(true);
    // A Kustomization or HelmRelease naming no ServiceAccount runs as its namespace's `default`: no rights at all.
    for (const ns of [...tenantNamespaces, FLUX_NAMESPACE]) expect(grants({ namespace: ns, name: 'default' })).toEqual([]);
  });

  it('every platform Kustomization and HelmRelease names a ServiceAccount that is bound to the rights it needs (cluster-admin)', () => {
    const kustomizations = [...syncChart, ...treeObjects].filter((o) => o.kind === 'Kustomization' && /toolkit\.fluxcd\.io/.test(o.apiVersion));
    expect(kustomizations.map((k) => k.metadata.name)).toContain(FLUX_SYNC_NAME);
    const platform = kustomizations.filter((k) => k.spec.sourceRef.name === FLUX_SYNC_NAME);
    expect(platform.length).toBeGreaterThanOrEqual(5);
    for (const k of platform) expect([k.metadata.name, k.metadata.namespace, k.spec.serviceAccountName]).toEqual([k.metadata.name, FLUX_NAMESPACE, FLUX_KUSTOMIZE_SERVICE_ACCOUNT]);
    for (const r of releases) expect([r.metadata.name, r.metadata.namespace, r.spec.serviceAccountName]).toEqual([r.metadata.name, FLUX_NAMESPACE, FLUX_HELM_SERVICE_ACCOUNT]);
    for (const name of [FLUX_KUSTOMIZE_SERVICE_ACCOUNT, FLUX_HELM_SERVICE_ACCOUNT]) {
      const who = { namespace: FLUX_NAMESPACE, name };
      expect(everything.some((o) => o.kind === 'ServiceAccount' && o.metadata.name === name && (o.metadata.namespace ?? FLUX_NAMESPACE) === FLUX_NAMESPACE)).toBe(true); // helm installs objects without a namespace into the release's
      for (const [group, resource] of [['', 'namespaces'], ['rbac.authorization.k8s.io', 'clusterroles'], ['helm.toolkit.fluxcd.io', 'helmreleases'], ['apps', 'daemonsets']]) {
        expect({ name, resource, allowed: can(who, 'create', group, resource, undefined) }).toEqual({ name, resource, allowed: true });
      }
    }
    // The tenant Kustomizations name the tenant ServiceAccount, which the platform creates in their namespace.
    for (const k of kustomizations.filter((x) => x.spec.sourceRef.name !== FLUX_SYNC_NAME)) {
      expect(k.spec.serviceAccountName).toBe(APPS_TENANT_SERVICE_ACCOUNT);
      expect(treeObjects.some((o) => o.kind === 'ServiceAccount' && o.metadata.name === APPS_TENANT_SERVICE_ACCOUNT && o.metadata.namespace === k.metadata.namespace)).toBe(true);
    }
  });

  it('with response.enabled false: no tenant identity at all, lockdown still on', () => {
    const off = allObjects(parseRendered(renderTree(changed(config, (c) => (c.response.enabled = false)), { rules: [] })));
    expect(rbac([...fluxChart, ...off]).bindingsOf(tenant)).toEqual([]);
    expect(off.filter((o) => ['ServiceAccount', 'ClusterRole', 'Role', 'RoleBinding', 'ClusterRoleBinding', 'GitRepository'].includes(o.kind))).toEqual([]);
    const kustomize = fluxChart.find((o) => o.kind === 'Deployment' && o.metadata.name === 'kustomize-controller') as Obj;
    expect(kustomize.spec.template.spec.containers[0].args).toContain('--no-cross-namespace-refs=true');
  });
});
