/**
 * The tenants layer (platform repository, applied as kustomize-controller): the apps repository's source and the
 * identity it is applied under. Everything here is the platform's; nothing of it is in the apps repository.
 *
 *   Namespace per tenant namespace   Pod Security `baseline` enforced (`restricted` warned): no privileged pod,
 *                                    no host namespaces or host paths, whatever the apps repository holds
 *   ServiceAccount apps-reconciler   in flux-system, with no right there
 *   ClusterRole flux-tenant-apps     rules only: workload kinds (no RBAC, no Flux kinds, nothing cluster-scoped)
 *   RoleBinding per tenant namespace grants that ClusterRole to the ServiceAccount in that namespace only
 *   GitRepository apps               the apps repository (`owner/name` substituted from Terraform's ConfigMap)
 *   Kustomization apps, responses    `apps/` and `responses/` of it, as apps-reconciler
 *
 * Under the multi-tenancy lockdown a stolen responder key can therefore push only what apps-reconciler may
 * apply: workloads in the tenant namespaces. A ClusterRole, a Namespace, a Flux object or a pod in kube-system
 * fails to apply (test/tenant-rbac.test.ts evaluates the RBAC of everything that lands on the cluster).
 */
import type { BenchConfig } from '../config/schema';
import {
  APPS_DIR,
  APPS_GIT_SECRET,
  APPS_REPOSITORY_CONFIGMAP,
  APPS_REPOSITORY_VAR,
  APPS_SOURCE_NAME,
  APPS_TENANT_ROLE,
  APPS_TENANT_SERVICE_ACCOUNT,
  FLUX_NAMESPACE,
  RESPONSES_DIR,
} from '../contract/naming';
import { layer } from './flux';
import type { FluxKustomization, GitRepository, Namespace, PolicyRule, RbacObject } from './types';
import { FLUX_API } from '../contract/versions';

const RBAC_API = 'rbac.authorization.k8s.io/v1' as const;
const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const READ_VERBS = ['get', 'list', 'watch'];

/**
 * What workloads need in their namespace, and nothing that grants more: no roles or bindings, no
 * ServiceAccounts (a pod runs as its namespace's `default`, which has no rights), no Flux kinds, no pods or
 * pods/exec directly (controllers make pods), no events or leases.
 */
export const TENANT_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps', 'secrets', 'services', 'persistentvolumeclaims'], verbs: ALL_VERBS },
  { apiGroups: [''], resources: ['pods', 'endpoints'], verbs: READ_VERBS },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ALL_VERBS },
  { apiGroups: ['apps'], resources: ['replicasets'], verbs: READ_VERBS },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ALL_VERBS },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'], verbs: ALL_VERBS },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL_VERBS },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ALL_VERBS },
];

export function tenantNamespace(name: string): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: {
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  };
}

export function tenantServiceAccount(): RbacObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: APPS_TENANT_SERVICE_ACCOUNT, namespace: FLUX_NAMESPACE },
    automountServiceAccountToken: false,
  };
}

export function tenantRole(): RbacObject {
  return { apiVersion: RBAC_API, kind: 'ClusterRole', metadata: { name: APPS_TENANT_ROLE }, rules: TENANT_RULES };
}

export function tenantRoleBinding(namespace: string): RbacObject {
  return {
    apiVersion: RBAC_API,
    kind: 'RoleBinding',
    metadata: { name: APPS_TENANT_SERVICE_ACCOUNT, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: APPS_TENANT_ROLE },
    subjects: [{ kind: 'ServiceAccount', name: APPS_TENANT_SERVICE_ACCOUNT, namespace: FLUX_NAMESPACE }],
  };
}

/** The apps repository; `${APPS_REPOSITORY}` is `owner/name`, substituted by the tenants layer. */
export function appsGitRepository(config: Pick<BenchConfig, 'flux' | 'response'>): GitRepository {
  return {
    apiVersion: FLUX_API.source,
    kind: 'GitRepository',
    metadata: { name: APPS_SOURCE_NAME, namespace: FLUX_NAMESPACE },
    spec: {
      url: `ssh://git@github.com/\${${APPS_REPOSITORY_VAR}}`,
      ref: { branch: config.response.apps.branch },
      secretRef: { name: APPS_GIT_SECRET },
      interval: config.flux.interval,
    },
  };
}

/** Time for the tenant layers to apply and become Ready. */
const TENANT_TIMEOUTS = { apps: '5m', responses: '2m' } as const;

/**
 * The two Kustomizations of the apps repository, as the tenant ServiceAccount. No dependsOn: a dependency that
 * is not Ready (a benchmark Falco, the responder) must not stop the users' workloads or the undo of a response.
 */
export function tenantKustomizations(config: Pick<BenchConfig, 'flux'>): FluxKustomization[] {
  const common = { interval: config.flux.interval, source: APPS_SOURCE_NAME, serviceAccountName: APPS_TENANT_SERVICE_ACCOUNT };
  return [
    layer({ ...common, name: 'apps', path: APPS_DIR, timeout: TENANT_TIMEOUTS.apps }),
    layer({ ...common, name: 'responses', path: RESPONSES_DIR, timeout: TENANT_TIMEOUTS.responses }),
  ];
}

/** The platform's Kustomization of the tenants layer: it substitutes the apps repository's name. */
export function tenantsLayer(config: Pick<BenchConfig, 'flux'>, path: string, timeout: string): FluxKustomization {
  return layer({ name: 'tenants', path, interval: config.flux.interval, timeout, substituteFrom: [APPS_REPOSITORY_CONFIGMAP] });
}
