/**
 * The response engine in the tree: the objects the generator writes, what the real charts make of them (the
 * guard's DaemonSet and falco.yaml, Falcosidekick's webhook and where its token comes from), the pod security
 * of every response pod, and every NetworkPolicy's selectors and ports checked against the labels and ports the
 * charts actually render (Flux's own chart included, for the webhook receiver).
 */
import { customRulesValues } from '../gitops/rules';
import { parse } from 'yaml';
import {
  APPS_DIR,
  FALCOSIDEKICK_ENV_SECRET,
  PROTECTED_NAMESPACES,
  FALCO_NAMESPACE,
  FLUX_NAMESPACE,
  GUARD_FALCO_RELEASE_NAME,
  RECEIVER_TOKEN_SECRET,
  RESPONDER_ALERT_PATH,
  RESPONDER_GIT_SECRET,
  RESPONDER_NAME,
  RESPONDER_PORT,
  RESPONDER_WEBHOOK_SECRET,
  RESPONSES_DIR,
  RESPONSE_NAMESPACE,
  VARIANT_KEY,
  falcoReleaseName,
  RESPONDER_BUNDLE,
} from '../contract/naming';
import { appsFiles, appsRepositorySeed, responsesFiles } from '../gitops/apps';
import { ResponderBundleError, WORKLOAD_FIELDS } from '../gitops/response';
import { LAYER_PATHS, renderTree } from '../gitops/tree';
import type { HelmRelease } from '../gitops/types';
import { FLUX_API, RESPONDER_IMAGE } from '../contract/versions';
import { K8sObject, chartDir, findObject, helmTemplate, renderHelmRelease } from './helpers/helm';
import { Obj, allObjects, changed, defaultConfig, ofKind, parseRendered, repoInputs } from './helpers/gitops-tree';
import { loadFluxValidator } from './helpers/flux-schema';
import { describeWithUpstream } from './helpers/upstream';

const config = defaultConfig();
const tree = renderTree(config, repoInputs);
const parsed = parseRendered(tree);
const objects = allObjects(parsed);
const release = (name: string): Obj => ofKind(parsed, FLUX_API.helmRelease, 'HelmRelease').find((r) => r.metadata.name === name)!;
const rendered = (name: string) => renderHelmRelease(release(name) as HelmRelease);
const plain = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === RESPONSE_NAMESPACE)!;
const policy = (name: string) => plain('NetworkPolicy', name);
const responder = () => plain('Deployment', RESPONDER_NAME);

/** Does a label selector (`matchLabels` only) select these labels? */
const selects = (matchLabels: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(matchLabels).length > 0 && Object.entries(matchLabels).every(([k, v]) => labels[k] === v);

/** The Pod Security Standard `restricted` checks that apply to these pod specs (the response namespace enforces it). */
function restrictedProblems(pod: Obj): string[] {
  const problems: string[] = [];
  const sc = pod.securityContext ?? {};
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    const csc = c.securityContext ?? {};
    if (csc.allowPrivilegeEscalation !== false) problems.push(`${c.name}: allowPrivilegeEscalation not false`);
    if (!(csc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${c.name}: capabilities not dropping ALL`);
    if (csc.privileged) problems.push(`${c.name}: privileged`);
    if ((csc.runAsNonRoot ?? sc.runAsNonRoot) !== true) problems.push(`${c.name}: runAsNonRoot not true`);
    if ((csc.seccompProfile ?? sc.seccompProfile)?.type !== 'RuntimeDefault') problems.push(`${c.name}: seccomp not RuntimeDefault`);
    if (csc.readOnlyRootFilesystem !== true) problems.push(`${c.name}: root filesystem writable`);
  }
  for (const v of pod.volumes ?? []) if (v.hostPath) problems.push(`volume ${v.name}: hostPath`);
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push('host namespaces');
  return problems;
}

describe('response layer objects', () => {
  it('the responder runs the contract command: the bundle, its port, the apps repository from the git Secret, the mounted policy', () => {
    const [container] = responder().spec.template.spec.containers;
    expect(container.command).toEqual([
      'node', '--max-semi-space-size=2', '--max-old-space-size=192', '/opt/responder/responder.cjs', 'serve',
      '--port', String(RESPONDER_PORT),
      '--remote', '$(RESPONDER_REMOTE)',
      '--branch', config.response.apps.branch,
      '--checkout', '/var/lib/responder/checkout',
      '--token-file', '/etc/responder/webhook/token',
      '--ssh-key', '/etc/responder/git/identity',
      '--known-hosts', '/etc/responder/git/known_hosts',
      '--policy', '/etc/responder/policy/policy.yaml',
      '--responses-dir', RESPONSES_DIR,
      '--receiver-url', 'http://webhook-receiver.flux-system.svc.cluster.local',
      '--receiver-name', 'apps',
      '--receiver-namespace', 'flux-system',
      '--receiver-token-file', '/etc/responder/receiver/token',
    ]);
    // Kubernetes expands $(RESPONDER_REMOTE) from an env var declared in the container: the Secret's `remote`.
    expect(container.env).toEqual([
      { name: 'HOME', value: '/tmp' },
      { name: 'RESPONDER_REMOTE', valueFrom: { secretKeyRef: { name: RESPONDER_GIT_SECRET, key: 'remote' } } },
    ]);
    expect(container.image).toBe(RESPONDER_IMAGE);
    expect(container.image).toMatch(/^docker\.io\/library\/node:24\.\d+\.\d+-bookworm$/);
  });

  it('one writer, replaced (not rolled), probes on /healthz and /readyz, requests and limits', () => {
    const d = responder();
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    const [c] = d.spec.template.spec.containers;
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(c.ports).toEqual([{ name: 'http', containerPort: RESPONDER_PORT, protocol: 'TCP' }]);
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
  });

  it('non-root, read-only root filesystem, no token: writes only to its emptyDirs; Secrets mounted read-only where the command reads them', () => {
    const spec = responder().spec.template.spec;
    expect(restrictedProblems(spec)).toEqual([]);
    expect(spec.automountServiceAccountToken).toBe(false);
    const [c] = spec.containers;
    const volume = (name: string) => spec.volumes.find((v: Obj) => v.name === name);
    const mounts = Object.fromEntries(c.volumeMounts.map((m: Obj) => [m.mountPath, m]));
    expect(volume(mounts['/var/lib/responder'].name).emptyDir).toBeDefined();
    expect(volume(mounts['/tmp'].name).emptyDir).toBeDefined();
    expect(volume(mounts['/opt/responder'].name).configMap.name).toBe('responder-code');
    const secretAt = (path: string) => (mounts[path].readOnly ? volume(mounts[path].name).secret : undefined);
    expect(secretAt('/etc/responder/git')).toMatchObject({ secretName: RESPONDER_GIT_SECRET, items: [{ key: 'identity', path: 'identity' }, { key: 'known_hosts', path: 'known_hosts' }] });
    expect(secretAt('/etc/responder/webhook').secretName).toBe(RESPONDER_WEBHOOK_SECRET);
    expect(secretAt('/etc/responder/receiver').secretName).toBe(RECEIVER_TOKEN_SECRET);
  });

  it('the checkout is a folder the responder creates inside its emptyDir, never the volume root (root-owned: git would refuse it)', () => {
    const spec = responder().spec.template.spec;
    const [c] = spec.containers;
    const checkout: string = c.command[c.command.indexOf('--checkout') + 1];
    const holders = c.volumeMounts.filter((m: Obj) => checkout === m.mountPath || checkout.startsWith(`${m.mountPath}/`));
    expect(holders).toHaveLength(1);
    const [mount] = holders;
    expect(spec.volumes.find((v: Obj) => v.name === mount.name).emptyDir).toBeDefined();
    // A strict subfolder: git creates it, so it belongs to the responder's uid.
    expect(checkout.startsWith(`${mount.mountPath}/`)).toBe(true);
    expect(checkout.slice(mount.mountPath.length + 1)).toMatch(/^[^/]+$/);
  });

  it('the Service is the one Falcosidekick posts to: name, namespace and port of the alert URL, selecting the responder pods', () => {
    const service = plain('Service', RESPONDER_NAME);
    const url = new URL(release('falcosidekick').spec.values!.config.webhook.address);
    expect(url.hostname).toBe(`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`);
    expect(Number(url.port)).toBe(service.spec.ports[0].port);
    expect(url.pathname).toBe(RESPONDER_ALERT_PATH);
    expect(selects(service.spec.selector, responder().spec.template.metadata.labels)).toBe(true);
    expect(service.spec.ports[0].targetPort).toBe(responder().spec.template.spec.containers[0].ports[0].name);
  });

  it('the code comes from the committed bundle through kustomize, in the responder namespace', () => {
    const [k] = parsed.get(`${LAYER_PATHS.response}/kustomization.yaml`)!;
    expect(k.configMapGenerator).toEqual([
      expect.objectContaining({ name: 'responder-code', namespace: RESPONSE_NAMESPACE, files: ['responder.cjs'] }),
      expect.objectContaining({ name: 'responder-policy', namespace: RESPONSE_NAMESPACE, files: ['policy.yaml=responder-policy.txt'] }),
    ]);
    // The bundle is committed once, in the folder the generator reads: kustomize reads it there.
    expect(RESPONDER_BUNDLE).toBe(`${LAYER_PATHS.response}/responder.cjs`);
    expect(repoInputs.responderBundle!.path).toBe(RESPONDER_BUNDLE);
    expect(tree.has(RESPONDER_BUNDLE)).toBe(false);
    // The policy too: the responder cannot read the platform repository, so the generator delivers it.
    expect(tree.get(`${LAYER_PATHS.response}/responder-policy.txt`)).toBe(repoInputs.policy!.text);
    const d = responder();
    expect(d.spec.template.spec.volumes).toContainEqual({ name: 'policy', configMap: { name: 'responder-policy', defaultMode: 0o444 } });
    expect(d.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'policy', mountPath: '/etc/responder/policy', readOnly: true });
  });

  it('dryRun adds --dry-run; minimumPriority goes to the webhook output; the policy delivered is the configured file', () => {
    const c = changed(config, (x) => {
      x.response.dryRun = true;
      x.response.minimumPriority = 'warning';
      x.response.policyFile = 'policies/strict.yaml';
    });
    const strict = { path: 'policies/strict.yaml', text: 'default: log\n' };
    const t = renderTree(c, { ...repoInputs, policy: strict });
    const p = parseRendered(t);
    const d = allObjects(p).find((o) => o.kind === 'Deployment' && o.metadata.name === RESPONDER_NAME)!;
    const command = d.spec.template.spec.containers[0].command as string[];
    expect(command[command.length - 1]).toBe('--dry-run');
    expect(command[command.indexOf('--policy') + 1]).toBe('/etc/responder/policy/policy.yaml');
    expect(t.get(`${LAYER_PATHS.response}/responder-policy.txt`)).toBe(strict.text);
    // A policy read for another path (or none) is an error naming the setting, not a silent default.
    expect(() => renderTree(c, repoInputs)).toThrow(/policies\/strict\.yaml.*response\.policyFile/);
    const sidekick = allObjects(p).find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'falcosidekick')!;
    expect(sidekick.spec.values.config.webhook.minimumpriority).toBe('warning');
    expect(release('falcosidekick').spec.values!.config.webhook.minimumpriority).toBe('notice');
  });

  it('the guard loads the repository rules; benchmark Falcos do not, and never post to the response engine', () => {
    const rules = [{ path: 'rules/10-shell.yaml', text: '- rule: My rule\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: NOTICE\n' }];
    const p = parseRendered(renderTree(config, { ...repoInputs, rules }));
    const guard = allObjects(p).find((o) => o.metadata?.name === GUARD_FALCO_RELEASE_NAME)!;
    expect(guard.spec.values.customRules).toEqual({ '10-shell.yaml': rules[0].text });
    expect(release(GUARD_FALCO_RELEASE_NAME).spec.values!.customRules).toEqual(customRulesValues(repoInputs.rules)); // this repository's own
    for (const v of config.benchmark.variants) {
      const values = allObjects(p).find((o) => o.metadata?.name === falcoReleaseName(v))!.spec.values;
      expect(values.customRules).toBeUndefined();
      expect(values.falco.http_output.url).not.toContain(RESPONSE_NAMESPACE);
      expect(values.falco.append_output).toBeUndefined();
    }
  });

  it('the Receiver makes the apps GitRepository (the one the responder pushes to) fetch, signed with the token Secret Terraform creates', () => {
    const [receiver] = parsed.get(`${LAYER_PATHS.response}/receiver.yaml`)!;
    expect(receiver).toEqual({
      apiVersion: 'notification.toolkit.fluxcd.io/v1',
      kind: 'Receiver',
      metadata: { name: 'apps', namespace: FLUX_NAMESPACE },
      spec: { type: 'generic-hmac', secretRef: { name: RECEIVER_TOKEN_SECRET }, resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'apps' }] },
    });
    const apps = objects.find((o) => o.kind === 'GitRepository')!;
    expect([apps.metadata.name, apps.metadata.namespace]).toEqual(['apps', FLUX_NAMESPACE]);
  });
});

describe('the demo workload (seeded once into a created apps repository)', () => {
  const files = appsFiles(config);
  const docs = parseRendered(files);
  const demo = allObjects(docs).find((o) => o.kind === 'Deployment')!;

  it('a small Deployment with a pinned image that has sh, two replicas, in a tenant namespace (the platform\'s) that is not protected', () => {
    expect([...files.keys()]).toEqual([`${APPS_DIR}/kustomization.yaml`, `${APPS_DIR}/demo.yaml`]);
    // No Namespace in the apps repository: the tenant identity may not create one; the tenants layer does.
    expect(allObjects(docs).filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(config.response.apps.namespaces).toContain(demo.metadata.namespace);
    const tenantNs = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === demo.metadata.namespace)!;
    expect(tenantNs.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(PROTECTED_NAMESPACES).not.toContain(demo.metadata.namespace);
    expect(demo.spec.replicas).toBe(2);
    const [c] = demo.spec.template.spec.containers;
    expect(c.image).toMatch(/^docker\.io\/library\/busybox:\d+\.\d+\.\d+$/);
    expect(c.command[0]).toBe('sh');
    expect(restrictedProblems(demo.spec.template.spec)).toEqual([]);
    // The responder isolates by the Deployment's selector as found in Git: the pods carry it.
    expect(selects(demo.spec.selector.matchLabels, demo.spec.template.metadata.labels)).toBe(true);
  });

  it("is not the generator's file: no generated-file header; the responses folder holds only its README; no demo without its namespace", () => {
    for (const text of appsRepositorySeed(config).values()) expect(text).not.toContain('do not edit this file by hand');
    expect([...responsesFiles().keys()]).toEqual([`${RESPONSES_DIR}/README.md`]);
    expect([...appsRepositorySeed(config).keys()]).toEqual(['README.md', `${APPS_DIR}/kustomization.yaml`, `${APPS_DIR}/demo.yaml`, `${RESPONSES_DIR}/README.md`]);
    const noDemo = appsFiles(changed(config, (x) => (x.response.apps.namespaces = ['shop'])));
    expect([...noDemo.keys()]).toEqual([`${APPS_DIR}/kustomization.yaml`]);
    // The platform repository holds no apps or responses folder any more.
    expect([...tree.keys()].filter((p) => /fluxcd\/(apps|responses)\//.test(p))).toEqual([]);
  });
});

describe('response.enabled and the bundle', () => {
  it('with response.enabled false: no response object, no tenant object or apps source, no bundle needed; lockdown identities still named', () => {
    const off = changed(config, (x) => (x.response.enabled = false));
    const t = renderTree(off, { rules: [] });
    expect([...t.keys()].filter((p) => p.includes('/response'))).toEqual([]);
    const all = allObjects(parseRendered(t));
    expect(all.filter((o) => ['Receiver', 'NetworkPolicy', 'Deployment', 'Service'].includes(o.kind))).toEqual([]);
    expect(all.filter((o) => o.kind === 'HelmRelease').map((o) => o.spec.chart.spec.chart)).not.toContain('falcosidekick');
    expect(all.map((o) => o.metadata?.name)).not.toContain(GUARD_FALCO_RELEASE_NAME);
    const kustomizations = all.filter((o) => o.apiVersion === FLUX_API.kustomization);
    expect(kustomizations.map((k) => k.metadata.name).sort()).toEqual(['benchmark', 'falco', 'namespaces', 'sources']);
    for (const k of kustomizations) expect(k.spec.serviceAccountName).toBe('kustomize-controller');
    expect(all.filter((o) => ['GitRepository', 'ServiceAccount', 'ClusterRole', 'RoleBinding'].includes(o.kind))).toEqual([]);
    expect(all.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name).sort()).toEqual(['falco', 'falco-bench']);
    expect(JSON.stringify(all)).not.toContain(RESPONSE_NAMESPACE);
  });

  it('without the bundle the response layer cannot be generated: a clear error naming what to do', () => {
    expect(() => renderTree(config, { rules: [] })).toThrow(ResponderBundleError);
    expect(() => renderTree(config, { rules: [] })).toThrow(/responder bundle is missing.*response\.enabled: false/s);
    const huge = { rules: [], responderBundle: { path: RESPONDER_BUNDLE, text: 'x'.repeat(1024 * 1024) } };
    expect(() => renderTree(config, huge)).toThrow(/fluxcd\/infrastructure\/response\/responder\.cjs is 1048576 bytes; a ConfigMap holds at most/);
  });
});

describeWithUpstream('Flux 2.8.5 CRDs: the Receiver', () => {
  const validator = loadFluxValidator();
  const [receiver] = parsed.get(`${LAYER_PATHS.response}/receiver.yaml`)!;

  it('validates strictly, and a wrong type, a missing secretRef or a v1beta2 version do not', () => {
    expect(validator.validate(receiver)).toEqual([]);
    expect(validator.validate({ ...receiver, spec: { ...receiver.spec, type: 'hmac' } }).join('\n')).toMatch(/allowed values/);
    const { secretRef: _s, ...noSecret } = receiver.spec;
    expect(validator.validate({ ...receiver, spec: noSecret }).join('\n')).toMatch(/secretRef/);
    expect(validator.served).toContain('notification.toolkit.fluxcd.io/v1 Receiver');
    expect(validator.validate({ ...receiver, spec: { ...receiver.spec, resources: [{ kind: 'GitRepository', name: 'x', path: '/' }] } }).join('\n')).toMatch(/\(path\)/);
  });
});

describeWithUpstream('response engine rendered with the real charts', () => {
  const guard = rendered(GUARD_FALCO_RELEASE_NAME);
  const sidekick = rendered('falcosidekick');
  const guardDs = findObject<Obj>(guard, 'DaemonSet');
  const sidekickDeployment = findObject<Obj>(sidekick, 'Deployment');
  const sidekickService = findObject<Obj>(sidekick, 'Service');

  it('the guard DaemonSet tolerates only control-plane taints and keeps off benchmark nodes', () => {
    const pod = guardDs.spec.template.spec;
    expect(pod.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(pod.tolerations.some((t: Obj) => t.key === VARIANT_KEY || (t.operator === 'Exists' && !t.key))).toBe(false);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: VARIANT_KEY, operator: 'DoesNotExist' }] },
    ]);
    expect(pod.nodeSelector ?? {}).toEqual({});
    expect(guardDs.metadata.namespace).toBe(FALCO_NAMESPACE);
  });

  it('a rules or config change rolls the guard with a surge: the new pod starts before the old one goes', () => {
    // The chart's checksum annotations make any rules or config change a new pod template, hence a rollout.
    expect(Object.keys(guardDs.spec.template.metadata.annotations ?? {})).toEqual(expect.arrayContaining(['checksum/config', 'checksum/rules']));
    expect(guardDs.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    // Surge needs no host port held by the old pod (it would block the new one on the same node).
    for (const c of guardDs.spec.template.spec.containers) for (const p of c.ports ?? []) expect([c.name, p.hostPort]).toEqual([c.name, undefined]);
    // The benchmark Falcos keep the chart's default: one pod per dedicated node, nothing to surge into.
    const bench = findObject<Obj>(rendered(falcoReleaseName(config.benchmark.variants[0])), 'DaemonSet');
    expect(bench.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  it("the guard's falco.yaml appends the workload fields (keeping suggested_output) and posts JSON to Falcosidekick's Service", () => {
    const cm = guard.find((o) => o.kind === 'ConfigMap' && (o as Obj).data?.['falco.yaml']) as Obj;
    const falcoYaml = parse(cm.data['falco.yaml']);
    expect(falcoYaml.append_output).toEqual([{ suggested_output: true }, { match: { source: 'syscall' }, extra_fields: [...WORKLOAD_FIELDS] }]);
    expect(falcoYaml.json_output).toBe(true);
    expect(falcoYaml.http_output.enabled).toBe(true);
    const url = new URL(falcoYaml.http_output.url);
    expect(url.hostname).toBe(`${sidekickService.metadata.name}.${RESPONSE_NAMESPACE}.svc.cluster.local`);
    expect(Number(url.port)).toBe(sidekickService.spec.ports[0].port);
    // The chart adds its container plugin; k8smeta is ours.
    expect(falcoYaml.load_plugins).toContain('k8smeta');
  });

  it("Falcosidekick's webhook goes to the responder; the Authorization header comes only from the Secret Terraform creates", () => {
    const chartSecret = sidekick.find((o) => o.kind === 'Secret' && o.metadata.name === sidekickDeployment.metadata.name) as Obj;
    const decoded = (key: string) => Buffer.from(chartSecret.data[key] ?? '', 'base64').toString('utf8');
    expect(decoded('WEBHOOK_ADDRESS')).toBe(`http://${RESPONDER_NAME}.${RESPONSE_NAMESPACE}.svc.cluster.local:${RESPONDER_PORT}${RESPONDER_ALERT_PATH}`);
    expect(decoded('WEBHOOK_MINIMUMPRIORITY')).toBe(config.response.minimumPriority);
    expect(decoded('WEBHOOK_CUSTOMHEADERS')).toBe(''); // no token in Git
    const [container] = sidekickDeployment.spec.template.spec.containers;
    // Later envFrom sources win over earlier ones: the Secret of ours comes after the chart's.
    expect(container.envFrom).toEqual([{ secretRef: { name: chartSecret.metadata.name } }, { secretRef: { name: FALCOSIDEKICK_ENV_SECRET } }]);
    expect((container.env as Obj[]).map((e) => e.name)).not.toContain('WEBHOOK_CUSTOMHEADERS');
    expect(container.image).toBe('docker.io/falcosecurity/falcosidekick:2.32.0');
    expect(sidekick.filter((o) => o.kind === 'Deployment')).toHaveLength(1); // no web UI
  });

  it('every pod of the response namespace passes Pod Security restricted and carries no ServiceAccount token', () => {
    for (const [name, pod] of [['falcosidekick', sidekickDeployment.spec.template.spec], ['responder', responder().spec.template.spec]] as const) {
      expect({ name, problems: restrictedProblems(pod), token: pod.automountServiceAccountToken }).toEqual({ name, problems: [], token: false });
    }
  });

  it("the responder's ingress selects Falcosidekick's pods as the chart labels them, on the responder's container port", () => {
    const np = policy(RESPONDER_NAME);
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(selects(np.spec.podSelector.matchLabels, responder().spec.template.metadata.labels)).toBe(true);
    expect(np.spec.ingress).toHaveLength(1);
    const [rule] = np.spec.ingress;
    expect(rule.from).toHaveLength(1);
    expect(rule.from[0].namespaceSelector).toBeUndefined(); // same namespace only
    expect(selects(rule.from[0].podSelector.matchLabels, sidekickDeployment.spec.template.metadata.labels)).toBe(true);
    expect(rule.ports).toEqual([{ protocol: 'TCP', port: responder().spec.template.spec.containers[0].ports[0].containerPort }]);
  });

  it("the responder's egress: DNS, SSH to outside the cluster, Flux's webhook receiver pods on the port behind its Service", () => {
    const flux = helmTemplate({ chart: chartDir('flux2', '2.18.3'), release: 'flux2', namespace: FLUX_NAMESPACE, values: {} });
    const receiverService = findObject<Obj>(flux as K8sObject[], 'Service', 'webhook-receiver');
    const controller = findObject<Obj>(flux as K8sObject[], 'Deployment', 'notification-controller');
    const [dns, ssh, hook] = policy(RESPONDER_NAME).spec.egress;
    expect(dns.to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }]);
    expect(dns.ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
    expect(ssh.ports).toEqual([{ protocol: 'TCP', port: 22 }]);
    expect(ssh.to[0].ipBlock.cidr).toBe('0.0.0.0/0');
    expect(ssh.to[0].ipBlock.except).toEqual(expect.arrayContaining(['10.244.0.0/16', '10.0.0.0/16', '169.254.0.0/16']));
    // The receiver URL's Service and port, and the pods and container port behind them.
    expect(`http://${receiverService.metadata.name}.${FLUX_NAMESPACE}.svc.cluster.local`).toBe('http://webhook-receiver.flux-system.svc.cluster.local');
    expect(receiverService.spec.ports).toEqual([expect.objectContaining({ port: 80, targetPort: hook.ports[0].port })]);
    expect(selects(hook.to[0].podSelector.matchLabels, controller.spec.template.metadata.labels)).toBe(true);
    expect(selects(receiverService.spec.selector, controller.spec.template.metadata.labels)).toBe(true);
    expect(hook.to[0].namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': FLUX_NAMESPACE } });
    expect(controller.spec.template.spec.containers[0].ports).toContainEqual(expect.objectContaining({ containerPort: hook.ports[0].port, name: 'http-webhook' }));
    expect(policy(RESPONDER_NAME).spec.egress).toHaveLength(3);
  });

  it("Falcosidekick's policy: in only from the guard Falco's pods on its port, out only to DNS and the responder", () => {
    const np = policy('falcosidekick');
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(selects(np.spec.podSelector.matchLabels, sidekickDeployment.spec.template.metadata.labels)).toBe(true);
    const [from] = np.spec.ingress[0].from;
    expect(selects(from.podSelector.matchLabels, guardDs.spec.template.metadata.labels)).toBe(true);
    expect(from.namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': FALCO_NAMESPACE } });
    // Benchmark Falcos share the chart's name label, not the instance: they are not let in.
    const variantDs = findObject<Obj>(rendered(falcoReleaseName(config.benchmark.variants[0])), 'DaemonSet');
    expect(selects(from.podSelector.matchLabels, variantDs.spec.template.metadata.labels)).toBe(false);
    const sidekickPort = sidekickDeployment.spec.template.spec.containers[0].ports.find((p: Obj) => p.name === 'http').containerPort;
    expect(np.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: sidekickPort }]);
    const [dns, toResponder] = np.spec.egress;
    expect(dns.ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
    expect(selects(toResponder.to[0].podSelector.matchLabels, responder().spec.template.metadata.labels)).toBe(true);
    expect(toResponder.ports).toEqual([{ protocol: 'TCP', port: RESPONDER_PORT }]);
    expect(np.spec.egress).toHaveLength(2);
  });
});
