/**
 * The seed of a *created* apps repository (response.apps.mode `create`): Terraform writes these files once
 * (github_repository_file, never overwritten, changes ignored) and never touches them again. An adopted
 * repository is never written. Paths are relative to the apps repository root:
 *
 *   README.md                    what the repository is
 *   apps/kustomization.yaml      the workloads Flux applies (Kustomization `apps`), the demo listed
 *   apps/demo.yaml               the demo Deployment (its namespace is the platform's: a tenant namespace)
 *   responses/README.md          the responder's NetworkPolicies go here (Kustomization `responses`)
 */
import { APPS_DIR, APPS_README, RESPONSES_DIR } from '../contract/naming';
import type { BenchConfig } from '../config/schema';
import { kustomizeFile } from './flux';
import { DEMO_IMAGE } from '../contract/versions';
import { toYaml } from './yaml';

/** The demo workload: its namespace and Deployment (the README's walkthrough uses these names). */
export const DEMO = { namespace: 'demo', name: 'demo', replicas: 2 } as const;

const SEED_HEADER = (lines: string[]) => lines.map((l) => `# ${l}\n`).join('');

export function demoDeployment() {
  const labels = { 'app.kubernetes.io/name': DEMO.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: DEMO.name, namespace: DEMO.namespace, labels },
    spec: {
      replicas: DEMO.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
          terminationGracePeriodSeconds: 5,
          containers: [
            {
              name: DEMO.name,
              image: DEMO_IMAGE,
              // Idles, and exits at once on SIGTERM, so a scale-down is quick.
              command: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"],
              resources: { requests: { cpu: '5m', memory: '8Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      },
    },
  };
}

const doc = (o: unknown) => `---\n${toYaml(o)}`;

/** The demo's namespace must be a tenant namespace (the platform creates it); otherwise no demo is seeded. */
const hasDemo = (config: Pick<BenchConfig, 'response'>) => config.response.apps.namespaces.includes(DEMO.namespace);

/** `apps/`: a kustomization listing the demo. Users add their own files and list them there. */
export function appsFiles(config: Pick<BenchConfig, 'response'>): Map<string, string> {
  const header = SEED_HEADER([
    'Your workloads: Flux applies this folder (Kustomization `apps`, as the tenant ServiceAccount: only in the',
    'tenant namespaces, only workload kinds). Terraform seeded it once and never touches it again. The demo is',
    'for the README walkthrough; delete it when you no longer need it. The responder may set `replicas: 0` here',
    '(a commit; `git revert` undoes it).',
  ]);
  const demo = hasDemo(config);
  return new Map([
    [`${APPS_DIR}/kustomization.yaml`, header + doc(kustomizeFile(demo ? ['demo.yaml'] : []))],
    ...(demo ? ([[`${APPS_DIR}/demo.yaml`, header + doc(demoDeployment())]] as [string, string][]) : []),
  ]);
}

/** `responses/`: only the README; Flux builds the folder's kustomization itself from the responder's files. */
export function responsesFiles(): Map<string, string> {
  const text = [
    '# Responses',
    '',
    'Written by the responder, one NetworkPolicy file per `isolate` response; applied by the Flux Kustomization',
    '`responses` (with prune). Delete a file (or `git revert` its commit) and push to undo that response.',
    'This folder has no kustomization.yaml on purpose: Flux generates one from every manifest in it.',
    '',
  ].join('\n');
  return new Map([[`${RESPONSES_DIR}/README.md`, text]]);
}

export function appsReadme(config: Pick<BenchConfig, 'response'>): string {
  return [
    '# Apps (tenant) repository',
    '',
    'The workloads the Falco responder may act on. Flux applies `apps/` and `responses/` under the ServiceAccount',
    `\`apps-reconciler\`, which may manage workloads in the tenant namespaces only (${config.response.apps.namespaces.map((n) => `\`${n}\``).join(', ')}):`,
    'no Namespace, no RBAC, no Flux object, nothing cluster-scoped. The platform repository creates those namespaces.',
    '',
    'The responder pushes here (its deploy key is on this repository only): `replicas: 0` in `apps/`, NetworkPolicies',
    'in `responses/`. `git revert` of its commit, pushed, undoes a response.',
    '',
  ].join('\n');
}

/** Every file of a created apps repository's seed, path (relative to its root) -> text. */
export function appsRepositorySeed(config: Pick<BenchConfig, 'response'>): Map<string, string> {
  return new Map([[APPS_README, appsReadme(config)], ...appsFiles(config), ...responsesFiles()]);
}
