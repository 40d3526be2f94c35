/**
 * The response engine on the cluster: guard Falco -> Falcosidekick -> responder -> Git -> Flux.
 *
 *   guard Falco     falco chart on every node that is not a benchmark node; stock + repository rules, k8smeta
 *                   plugin, `append_output` adding the workload's namespace, Deployment and pod to every alert
 *   Falcosidekick   falcosidekick chart; `webhook` output to the responder, the Bearer token from a Secret
 *   responder       plain Deployment of the official Node image running the committed bundle (ConfigMap made by
 *                   kustomize's configMapGenerator) with the policy (another ConfigMap); pushes response
 *                   commits to the apps repository only, with its own deploy key
 *   Receiver        Flux webhook Receiver: the responder calls it after each push, so Flux fetches the apps
 *                   repository at once
 *
 * NetworkPolicies (enforced by Cilium) confine the two pods of `RESPONSE_NAMESPACE`: Falcosidekick talks only to
 * DNS and the responder; the responder accepts only Falcosidekick and talks only to DNS, SSH on the internet
 * (GitHub) and Flux's webhook receiver. The Secrets they use are created by `npm run deploy` (Terraform), never
 * stored in Git; the names are in contract/naming.ts.
 */
import { posix } from 'node:path';
import type { BenchConfig } from '../config/schema';
import {
  ALERT_WORKLOAD_FIELDS,
  CLUSTER_PRIVATE_RANGES,
  FALCOSIDEKICK_ENV_SECRET,
  FALCOSIDEKICK_PORT,
  FALCOSIDEKICK_RELEASE_NAME,
  FALCO_NAMESPACE,
  APPS_SOURCE_NAME,
  FLUX_NAMESPACE,
  GUARD_FALCO_RELEASE_NAME,
  METACOLLECTOR_RELEASE_NAME,
  RECEIVER_NAME,
  RECEIVER_TOKEN_SECRET,
  RESPONDER_ALERT_PATH,
  RESPONDER_BUNDLE,
  RESPONDER_GIT_SECRET,
  RESPONDER_NAME,
  RESPONDER_PORT,
  RESPONDER_NODE_FLAGS,
  RESPONDER_MEMORY_LIMIT_MIB,
  RESPONDER_WEBHOOK_SECRET,
  RESPONSES_DIR,
  RESPONSE_NAMESPACE,
  VARIANT_KEY,
  chartFullname,
} from '../contract/naming';
import { FALCO_RELEASE_TIMEOUT, falcoChartValues } from './falco';
import { helmRelease } from './flux';
import type { RepoFile } from './inputs';
import { policyMissing } from './policy';
import { customRulesValues } from './rules';
import type { ConfigMapGenerator, HelmRelease, PlainObject, Receiver, Toleration } from './types';
import { CHARTS, FALCOSIDEKICK_IMAGE_TAG, FLUX_API, RESPONDER_IMAGE } from '../contract/versions';
import { toYaml } from './yaml';

/** Fields the guard Falco appends to every syscall alert: the responder finds the workload by them. */
export const WORKLOAD_FIELDS = Object.values(ALERT_WORKLOAD_FIELDS);

/**
 * The guard tolerates what the falco chart tolerates by default (control-plane taints, for clusters that have
 * schedulable control-plane nodes) and nothing else: a benchmark node's taint keeps it off.
 */
export const GUARD_TOLERATIONS: Toleration[] = [
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
];

/** Falcosidekick's Service (chart `fullname` of its release) and where the guard Falco posts. */
export function falcosidekickUrl(): string {
  return `http://${chartFullname(FALCOSIDEKICK_RELEASE_NAME, CHARTS.falcosidekick.chart)}.${RESPONSE_NAMESPACE}.svc.cluster.local:${FALCOSIDEKICK_PORT}/`;
}

/** Where Falcosidekick posts alerts (contracts: the responder's Service, port and path). */
export function responderAlertUrl(): string {
  return `http://${RESPONDER_NAME}.${RESPONSE_NAMESPACE}.svc.cluster.local:${RESPONDER_PORT}${RESPONDER_ALERT_PATH}`;
}

/**
 * Flux's webhook receiver (flux2 chart 2.18.3): Service `webhook-receiver` port 80 in `FLUX_NAMESPACE`, in front
 * of the notification-controller pods (label `app: notification-controller`) on container port 9292.
 */
export const FLUX_RECEIVER = {
  service: 'webhook-receiver',
  servicePort: 80,
  podLabels: { app: 'notification-controller' },
  containerPort: 9292,
} as const;

export function receiverUrl(): string {
  return `http://${FLUX_RECEIVER.service}.${FLUX_NAMESPACE}.svc.cluster.local`;
}

/** The guard Falco's release; it waits for the collector its plugin connects to. */
export function guardFalcoRelease(config: Pick<BenchConfig, 'flux'>, rules: readonly RepoFile[]): HelmRelease {
  return helmRelease({
    name: GUARD_FALCO_RELEASE_NAME,
    namespace: FALCO_NAMESPACE,
    chart: CHARTS.falco,
    interval: config.flux.interval,
    timeout: FALCO_RELEASE_TIMEOUT,
    dependsOn: [{ name: METACOLLECTOR_RELEASE_NAME, namespace: FLUX_NAMESPACE }],
    values: falcoChartValues({
      driver: 'modern_ebpf',
      tolerations: GUARD_TOLERATIONS,
      // Besides the taint: never on a benchmark node, even one whose taint was removed by hand.
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: VARIANT_KEY, operator: 'DoesNotExist' }] }],
          },
        },
      },
      resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      alertUrl: falcosidekickUrl(),
      falco: {
        // A list replaces Falco's default, so its one entry (suggested_output) is kept. The k8smeta fields exist
        // for syscall events only (the one source loaded here).
        append_output: [{ suggested_output: true }, { match: { source: 'syscall' }, extra_fields: [...WORKLOAD_FIELDS] }],
      },
      customRules: customRulesValues(rules),
      updateStrategy: GUARD_UPDATE_STRATEGY,
    }),
  });
}

/**
 * A rules or config change rolls the guard (the chart's checksum annotations). The chart's default rolling update
 * deletes a node's old pod before the new one starts: the node is unwatched meanwhile. A surge update starts the
 * new pod first and deletes the old one only once the new one is Ready (README: the gap that remains).
 */
export const GUARD_UPDATE_STRATEGY = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } as const;

/** Pod labels that the falcosidekick chart puts on its (core) pods; the responder's ingress selects them. */
export function falcosidekickPodSelector(): Record<string, string> {
  return {
    'app.kubernetes.io/name': CHARTS.falcosidekick.chart,
    'app.kubernetes.io/instance': FALCOSIDEKICK_RELEASE_NAME,
    'app.kubernetes.io/component': 'core',
  };
}

/** Pod labels that the falco chart puts on the guard's pods. */
export function guardFalcoPodSelector(): Record<string, string> {
  return { 'app.kubernetes.io/name': CHARTS.falco.chart, 'app.kubernetes.io/instance': GUARD_FALCO_RELEASE_NAME };
}

/** Container security every pod of the response engine runs with (Pod Security `restricted`). */
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export function falcosidekickRelease(config: Pick<BenchConfig, 'flux' | 'response'>): HelmRelease {
  const deployment = chartFullname(FALCOSIDEKICK_RELEASE_NAME, CHARTS.falcosidekick.chart);
  return helmRelease({
    name: FALCOSIDEKICK_RELEASE_NAME,
    namespace: RESPONSE_NAMESPACE,
    chart: CHARTS.falcosidekick,
    interval: config.flux.interval,
    // It needs no Kubernetes API access for a webhook output: no ServiceAccount token in the pod.
    postRenderers: [
      {
        kustomize: {
          patches: [
            {
              target: { group: 'apps', version: 'v1', kind: 'Deployment', name: deployment },
              patch: toYaml([{ op: 'add', path: '/spec/template/spec/automountServiceAccountToken', value: false }]),
            },
          ],
        },
      },
    ],
    values: {
      // Two, so an alert still gets through while one restarts (Falcosidekick does not retry deliveries).
      replicaCount: 2,
      image: { tag: FALCOSIDEKICK_IMAGE_TAG },
      podSecurityContext: { runAsNonRoot: true, runAsUser: 1234, runAsGroup: 1234, fsGroup: 1234, seccompProfile: { type: 'RuntimeDefault' } },
      securityContext: RESTRICTED_CONTAINER,
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      config: {
        // WEBHOOK_CUSTOMHEADERS (`Authorization:Bearer <token>`) comes from this Secret, listed after the
        // chart's own in the pod's envFrom, so it wins over the chart's empty value. Terraform creates it.
        existingSecret: FALCOSIDEKICK_ENV_SECRET,
        webhook: { address: responderAlertUrl(), method: 'POST', minimumpriority: config.response.minimumPriority },
      },
      webui: { enabled: false },
    },
  });
}

/** The responder's pods and Service select by this. */
export const RESPONDER_SELECTOR = { 'app.kubernetes.io/name': RESPONDER_NAME } as const;
const RESPONDER_LABELS = { ...RESPONDER_SELECTOR, 'app.kubernetes.io/part-of': 'falco-response' };

/** kustomize's ConfigMap of the responder's code; the file name inside is the bundle's. */
export const RESPONDER_CODE_CONFIGMAP = 'responder-code';
export const RESPONDER_CODE_FILE = posix.basename(RESPONDER_BUNDLE);
/** A ConfigMap holds at most 1 MiB; kustomize adds metadata around the file. */
export const MAX_BUNDLE_BYTES = 1000 * 1024;

/**
 * Paths inside the responder's container (contracts.md). The checkout is a folder the responder creates inside
 * its volume (`state`), never the volume's root: an emptyDir's root belongs to root (fsGroup changes only its
 * group), and git refuses a work tree owned by another user ("dubious ownership").
 */
export const RESPONDER_PATHS = {
  code: '/opt/responder',
  state: '/var/lib/responder',
  checkout: '/var/lib/responder/checkout',
  tmp: '/tmp',
  git: '/etc/responder/git',
  policy: '/etc/responder/policy',
  webhook: '/etc/responder/webhook',
  receiver: '/etc/responder/receiver',
} as const;

/** The environment variable holding the repository's SSH URL (from the git Secret), expanded in the command. */
const REMOTE_ENV = 'RESPONDER_REMOTE';

/**
 * The response policy travels like the code: kustomize's ConfigMap (content-hashed name, so a policy change rolls
 * the responder) from a copy of `response.policyFile` in the layer folder, mounted read-only. The responder
 * cannot read the platform repository (its key is on the apps repository only).
 */
export const RESPONDER_POLICY_CONFIGMAP = 'responder-policy';
/** The ConfigMap key (the mounted file's name). */
export const RESPONDER_POLICY_KEY = 'policy.yaml';
/**
 * The copy in the layer folder: not `.yaml`, so that neither kustomize-controller's file scan nor a reader takes it
 * for a manifest of the tree; kustomize maps it to the key (`key=file`).
 */
export const RESPONDER_POLICY_FILE = 'responder-policy.txt';
export const responderPolicyPath = () => `${RESPONDER_PATHS.policy}/${RESPONDER_POLICY_KEY}`;

export function responderPolicyGenerator(): ConfigMapGenerator {
  return {
    name: RESPONDER_POLICY_CONFIGMAP,
    namespace: RESPONSE_NAMESPACE,
    files: [`${RESPONDER_POLICY_KEY}=${RESPONDER_POLICY_FILE}`],
    options: { labels: RESPONDER_LABELS },
  };
}

/** The policy's text, as the layer's file; the configured file must exist when the response engine is on. */
export function responderPolicyFile(config: Pick<BenchConfig, 'response'>, policy: RepoFile | undefined): string {
  if (!policy || policy.path !== config.response.policyFile) throw new ResponderBundleError(policyMissing(config.response.policyFile));
  return policy.text;
}

/** The responder's command line (contracts.md). */
export function responderCommand(config: Pick<BenchConfig, 'response'>): string[] {
  return [
    'node',
    ...RESPONDER_NODE_FLAGS,
    `${RESPONDER_PATHS.code}/${RESPONDER_CODE_FILE}`,
    'serve',
    '--port', String(RESPONDER_PORT),
    // Kubernetes expands $(VAR) in commands: the apps repository's URL comes from Terraform, which knows it, so
    // the tree is the same for every fork.
    '--remote', `$(${REMOTE_ENV})`,
    '--branch', config.response.apps.branch,
    '--checkout', RESPONDER_PATHS.checkout,
    '--token-file', `${RESPONDER_PATHS.webhook}/token`,
    '--ssh-key', `${RESPONDER_PATHS.git}/identity`,
    '--known-hosts', `${RESPONDER_PATHS.git}/known_hosts`,
    '--policy', responderPolicyPath(),
    '--responses-dir', RESPONSES_DIR,
    '--receiver-url', receiverUrl(),
    '--receiver-name', RECEIVER_NAME,
    '--receiver-namespace', FLUX_NAMESPACE,
    '--receiver-token-file', `${RESPONDER_PATHS.receiver}/token`,
    ...(config.response.dryRun ? ['--dry-run'] : []),
  ];
}

/** The node image's `node` user. */
const NODE_UID = 1000;

export function responderDeployment(config: Pick<BenchConfig, 'response'>): PlainObject {
  const secretVolume = (name: string, secretName: string, items?: string[]) => ({
    name,
    // Group-readable by the pod's fsGroup, nobody else; the files stay root-owned and read-only.
    secret: { secretName, defaultMode: 0o440, ...(items ? { items: items.map((key) => ({ key, path: key })) } : {}) },
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: RESPONDER_NAME, namespace: RESPONSE_NAMESPACE, labels: RESPONDER_LABELS },
    spec: {
      // One writer: two responders would race for the same pushes.
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: RESPONDER_SELECTOR },
      template: {
        metadata: { labels: RESPONDER_LABELS },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NODE_UID,
            runAsGroup: NODE_UID,
            fsGroup: NODE_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          // Time to finish the pushes in flight after SIGTERM.
          terminationGracePeriodSeconds: 60,
          containers: [
            {
              name: RESPONDER_NAME,
              image: RESPONDER_IMAGE,
              command: responderCommand(config),
              env: [
                { name: 'HOME', value: RESPONDER_PATHS.tmp },
                { name: REMOTE_ENV, valueFrom: { secretKeyRef: { name: RESPONDER_GIT_SECRET, key: 'remote' } } },
              ],
              ports: [{ name: 'http', containerPort: RESPONDER_PORT, protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5, failureThreshold: 3 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 3 },
              resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '1', memory: `${RESPONDER_MEMORY_LIMIT_MIB}Mi` } },
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [
                { name: 'code', mountPath: RESPONDER_PATHS.code, readOnly: true },
                { name: 'state', mountPath: RESPONDER_PATHS.state },
                { name: 'tmp', mountPath: RESPONDER_PATHS.tmp },
                { name: 'policy', mountPath: RESPONDER_PATHS.policy, readOnly: true },
                { name: 'git', mountPath: RESPONDER_PATHS.git, readOnly: true },
                { name: 'webhook-token', mountPath: RESPONDER_PATHS.webhook, readOnly: true },
                { name: 'receiver-token', mountPath: RESPONDER_PATHS.receiver, readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: 'code', configMap: { name: RESPONDER_CODE_CONFIGMAP, defaultMode: 0o444 } },
            { name: 'policy', configMap: { name: RESPONDER_POLICY_CONFIGMAP, defaultMode: 0o444 } },
            { name: 'state', emptyDir: { sizeLimit: '1Gi' } },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
            secretVolume('git', RESPONDER_GIT_SECRET, ['identity', 'known_hosts']),
            secretVolume('webhook-token', RESPONDER_WEBHOOK_SECRET),
            secretVolume('receiver-token', RECEIVER_TOKEN_SECRET),
          ],
        },
      },
    },
  };
}

export function responderService(): PlainObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: RESPONDER_NAME, namespace: RESPONSE_NAMESPACE, labels: RESPONDER_LABELS },
    spec: {
      type: 'ClusterIP',
      selector: RESPONDER_SELECTOR,
      ports: [{ name: 'http', port: RESPONDER_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

/** DNS to the cluster's CoreDNS (AKS: `k8s-app: kube-dns` in kube-system), UDP and TCP. */
const DNS_EGRESS = {
  to: [
    {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

function networkPolicy(name: string, podSelector: Record<string, string>, ingress: unknown[], egress: unknown[]): PlainObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: RESPONSE_NAMESPACE },
    spec: { podSelector: { matchLabels: podSelector }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  };
}

/**
 * The responder: in only from Falcosidekick; out only to DNS, SSH on the internet (GitHub publishes its
 * ranges, but they cannot be fetched when generating, and they change: TCP 22 to everything outside the
 * cluster's own ranges and link-local) and Flux's webhook receiver (the pod port behind the Service).
 */
export function responderNetworkPolicy(): PlainObject {
  return networkPolicy(
    RESPONDER_NAME,
    RESPONDER_SELECTOR,
    [{ from: [{ podSelector: { matchLabels: falcosidekickPodSelector() } }], ports: [{ protocol: 'TCP', port: RESPONDER_PORT }] }],
    [
      DNS_EGRESS,
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [...CLUSTER_PRIVATE_RANGES] } }], ports: [{ protocol: 'TCP', port: 22 }] },
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': FLUX_NAMESPACE } },
            podSelector: { matchLabels: FLUX_RECEIVER.podLabels },
          },
        ],
        ports: [{ protocol: 'TCP', port: FLUX_RECEIVER.containerPort }],
      },
    ],
  );
}

/** Falcosidekick: in only from the guard Falco's pods; out only to DNS and the responder. */
export function falcosidekickNetworkPolicy(): PlainObject {
  return networkPolicy(
    FALCOSIDEKICK_RELEASE_NAME,
    falcosidekickPodSelector(),
    [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': FALCO_NAMESPACE } },
            podSelector: { matchLabels: guardFalcoPodSelector() },
          },
        ],
        ports: [{ protocol: 'TCP', port: FALCOSIDEKICK_PORT }],
      },
    ],
    [DNS_EGRESS, { to: [{ podSelector: { matchLabels: RESPONDER_SELECTOR } }], ports: [{ protocol: 'TCP', port: RESPONDER_PORT }] }],
  );
}

/**
 * The Receiver the responder calls after a push: the apps GitRepository (the repository it pushes to) fetches at
 * once. Same namespace as that GitRepository: the lockdown refuses cross-namespace references.
 */
export function receiver(): Receiver {
  return {
    apiVersion: FLUX_API.receiver,
    kind: 'Receiver',
    metadata: { name: RECEIVER_NAME, namespace: FLUX_NAMESPACE },
    spec: {
      type: 'generic-hmac',
      secretRef: { name: RECEIVER_TOKEN_SECRET },
      resources: [{ apiVersion: FLUX_API.source, kind: 'GitRepository', name: APPS_SOURCE_NAME }],
    },
  };
}

export class ResponderBundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponderBundleError';
  }
}

/**
 * The responder's bundle, which the layer's ConfigMap generator reads from the layer's folder (kustomize reads
 * files only inside the folder of its kustomization.yaml, so it is committed there): present and small enough.
 */
export function checkResponderBundle(bundle: RepoFile | undefined): void {
  if (!bundle) {
    throw new ResponderBundleError(
      'the responder bundle is missing: the response layer delivers it to the cluster. Build and commit it ' +
        '(see README "Responder"), or set response.enabled: false in bench.config.yaml.',
    );
  }
  const bytes = Buffer.byteLength(bundle.text);
  if (bytes > MAX_BUNDLE_BYTES) {
    throw new ResponderBundleError(`${bundle.path} is ${bytes} bytes; a ConfigMap holds at most ${MAX_BUNDLE_BYTES} of code`);
  }
}

export function responderCodeGenerator(): ConfigMapGenerator {
  return { name: RESPONDER_CODE_CONFIGMAP, namespace: RESPONSE_NAMESPACE, files: [RESPONDER_CODE_FILE], options: { labels: RESPONDER_LABELS } };
}
