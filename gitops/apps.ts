/**
 * The folders under `fluxcd/` that the generator does not own. `npm run gitops` creates each once, when it does
 * not exist, and never reads, rewrites or removes it afterwards (`--check` ignores their content):
 *
 *   fluxcd/apps/       the users' workloads; seeded with a demo Deployment for the response walkthrough
 *   fluxcd/responses/  the responder's NetworkPolicies (one file per `isolate` response); seeded with a README
 */
import { APPS_DIR, RESPONSES_DIR } from '../contract/naming';
import type { BenchConfig } from '../config/schema';
import { kustomizeFile, namespace } from './flux';
import { DEMO_IMAGE } from './versions';
import { toYaml } from './yaml';

/** The demo workload: its namespace and Deployment (the README's walkthrough uses these names). */
export const DEMO = { namespace: 'demo', name: 'demo', replicas: 2 } as const;

/** A seeded folder: created with these files when it is absent, then left to its owner. */
export interface SeedFolder {
  dir: string;
  files: Map<string, string>;
  /** Whose it is once created, for the CLI's message. */
  owner: string;
}

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

/** `fluxcd/apps/`: a kustomization listing the demo. Users add their own files and list them there. */
export function appsSeed(): SeedFolder {
  const header = SEED_HEADER([
    'Your workloads: Flux applies this folder (Kustomization `apps`). `npm run gitops` created it once and never',
    'touches it again. The demo below is for the README walkthrough ("Response engine on the cluster"); delete it',
    'when you no longer need it. The responder may set `replicas: 0` here (a commit; `git revert` undoes it).',
  ]);
  return {
    dir: APPS_DIR,
    owner: 'yours: the generator leaves it alone',
    files: new Map([
      [`${APPS_DIR}/kustomization.yaml`, header + doc(kustomizeFile(['demo.yaml']))],
      [`${APPS_DIR}/demo.yaml`, header + doc(namespace(DEMO.namespace)) + doc(demoDeployment())],
    ]),
  };
}

/** `fluxcd/responses/`: only the README; Flux builds the folder's kustomization itself from the responder's files. */
export function responsesSeed(): SeedFolder {
  const text = [
    '# Responses',
    '',
    'Written by the responder, one NetworkPolicy file per `isolate` response; applied by the Flux Kustomization',
    '`responses` (with prune). Delete a file (or `git revert` its commit) and push to undo that response.',
    'This folder has no kustomization.yaml on purpose: Flux generates one from every manifest in it.',
    '',
  ].join('\n');
  return { dir: RESPONSES_DIR, owner: "the responder's: the generator leaves it alone", files: new Map([[`${RESPONSES_DIR}/README.md`, text]]) };
}

/** The folders `npm run gitops` creates when absent, for this configuration. */
export function seedFolders(config: Pick<BenchConfig, 'response'>): SeedFolder[] {
  return config.response.enabled ? [appsSeed(), responsesSeed()] : [appsSeed()];
}
