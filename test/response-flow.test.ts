/**
 * The response path end to end, offline, with the real parts: the committed responder bundle, run by node with
 * the command line the generated Deployment gives it (only the cluster's paths and addresses swapped for local
 * ones); the apps repository as Terraform seeds it (demo workload) in a real bare repository, and the policy
 * delivered in the response layer's ConfigMap (a local file standing in for the mount); a stand-in Flux Receiver
 * that checks the signature; the alert the guard Falco sends through Falcosidekick; and kustomize building what
 * Flux would apply from the pushed commit, then from its `git revert`.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { IncomingMessage, createServer } from 'node:http';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { parseCommandLine } from '../cli/command';
import { APPS_DIR, RESPONDER_ALERT_PATH, RESPONDER_BUNDLE, RESPONDER_NODE_FLAGS, RESPONSES_DIR } from '../contract/naming';
import { DEMO, appsRepositorySeed } from '../gitops/apps';
import { RESPONDER_CODE_FILE, RESPONDER_PATHS, responderPolicyPath } from '../gitops/response';
import { LAYER_PATHS, renderTree } from '../gitops/tree';
import { SERVE_SPEC } from '../responder/main';
import { alert, clone, makeRemote, sh, tempDir } from './helpers/git-repo';
import { Obj, REPO_ROOT, allObjects, defaultConfig, parseRendered, repoInputs } from './helpers/gitops-tree';
import { layerBinary } from './helpers/helm';

const config = defaultConfig();
const objects = allObjects(parseRendered(renderTree(config, repoInputs)));
const responder = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'responder') as Obj;
const command: string[] = responder.spec.template.spec.containers[0].command;
/** `node [node flags] <bundle> serve [serve flags]`: where the bundle's own arguments start. */
const SERVE = command.indexOf('serve');
const nodeFlags = command.slice(1, SERVE - 1);

/** The value after a flag of the generated command. */
const flag = (name: string) => command[command.indexOf(`--${name}`) + 1];

describe('the generated responder Deployment runs the committed bundle with flags it knows', () => {
  it('node runs the ConfigMap-delivered bundle, whose bytes are the committed build', () => {
    expect([command[0], ...command.slice(SERVE - 1, SERVE + 1)]).toEqual(['node', `${RESPONDER_PATHS.code}/${RESPONDER_CODE_FILE}`, 'serve']);
    expect(nodeFlags).toEqual(RESPONDER_NODE_FLAGS);
    // Node refuses an option it does not know: the flags are real ones of this Node.
    expect(spawnSync(process.execPath, [...nodeFlags, '-e', ''], { encoding: 'utf8' }).status).toBe(0);
    expect(spawnSync(process.execPath, ['--max-semi-space-sise=2', '-e', ''], { encoding: 'utf8' }).status).not.toBe(0);
    // They bound V8's heap under the container's memory limit, whatever memory the machine has.
    const limit = spawnSync(process.execPath, [...nodeFlags, '-p', 'require("v8").getHeapStatistics().heap_size_limit'], { encoding: 'utf8' }).stdout;
    const memory = responder.spec.template.spec.containers[0].resources.limits.memory as string;
    expect(memory).toMatch(/^\d+Mi$/);
    expect(Number(limit) / 2 ** 20).toBeLessThan(parseInt(memory, 10) * 0.8);
    const mount = responder.spec.template.spec.containers[0].volumeMounts.find((m: Obj) => m.mountPath === RESPONDER_PATHS.code);
    expect(mount).toBeDefined();
    // kustomize reads the file from the layer's folder, where the committed build is.
    const tree = renderTree(config, repoInputs);
    const kustomization = parse(tree.get(`${LAYER_PATHS.response}/kustomization.yaml`)!);
    expect(kustomization.configMapGenerator[0].files).toEqual([RESPONDER_CODE_FILE]);
    expect(`${LAYER_PATHS.response}/${RESPONDER_CODE_FILE}`).toBe(RESPONDER_BUNDLE);
    expect(repoInputs.responderBundle!.text).toBe(readFileSync(join(REPO_ROOT, RESPONDER_BUNDLE), 'utf8'));
  });

  it("every flag is one of the responder's `serve` options, each mounted file path sits in a mounted volume", () => {
    const parsed = parseCommandLine(SERVE_SPEC, command.slice(SERVE + 1));
    expect(parsed).not.toBe('help');
    const mounts: string[] = responder.spec.template.spec.containers[0].volumeMounts.map((m: Obj) => m.mountPath);
    for (const f of ['token-file', 'ssh-key', 'known-hosts', 'receiver-token-file', 'checkout', 'policy']) {
      expect([f, mounts.some((m) => flag(f).startsWith(`${m}/`) || flag(f) === m)]).toEqual([f, true]);
    }
    expect(flag('policy')).toBe(responderPolicyPath());
    expect(flag('responses-dir')).toBe(RESPONSES_DIR);
  });

  it("Falcosidekick's webhook posts to the responder's Service, on the alert path", () => {
    const sidekick = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'falcosidekick') as Obj;
    const url = new URL(sidekick.spec.values.config.webhook.address);
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'responder') as Obj;
    expect(url.hostname).toBe(`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`);
    expect(Number(url.port)).toBe(service.spec.ports[0].port);
    expect(url.pathname).toBe(RESPONDER_ALERT_PATH);
    expect(Number(flag('port'))).toBe(responder.spec.template.spec.containers[0].ports[0].containerPort);
  });
});

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((done) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => done(text));
  });

/** What Flux would apply from `apps/` of an apps repository checkout: the demo Deployment's replicas. */
function appliedReplicas(checkout: string): number {
  const out = execFileSync(layerBinary('kubectl'), ['kustomize', join(checkout, APPS_DIR)], { encoding: 'utf8' });
  const deployment = parseAllDocuments(out)
    .map((d) => d.toJS() as Obj)
    .find((o) => o.kind === 'Deployment' && o.metadata.name === DEMO.name)!;
  return deployment.spec.replicas;
}

describe('an alert for the demo becomes a commit pushed to the apps repository that Flux applies, and git revert undoes it', () => {
  const dirs: string[] = [];
  let child: ChildProcess | undefined;
  const receiverCalls: { path: string; signatureOk: boolean }[] = [];
  const receiver = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const expected = `sha256=${createHmac('sha256', 'receiver-token').update(body).digest('hex')}`;
    receiverCalls.push({ path: req.url ?? '', signatureOk: req.headers['x-signature'] === expected });
    res.writeHead(200).end();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await new Promise((done) => receiver.close(done));
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('scales the demo to zero through Git, once, and the revert brings it back', async () => {
    // The apps repository as Terraform seeds a created one; the policy is not in it (the responder reads the
    // mounted ConfigMap): the shipped default's rule, as the response layer would deliver it.
    const policy = 'responses:\n  - rule: Terminal shell in container\n    action: scale-to-zero\n    fallback: isolate\ndefault: log\n';
    const remote = makeRemote(Object.fromEntries(appsRepositorySeed(config)));
    const secrets = tempDir('response-flow-secrets-');
    writeFileSync(join(secrets, 'policy.yaml'), policy);
    // The responder's volume, as on the cluster: the checkout folder inside it does not exist yet, git creates it.
    const state = tempDir('response-flow-state-');
    const checkout = join(state, relative(RESPONDER_PATHS.state, flag('checkout')));
    dirs.push(remote, secrets, state);
    writeFileSync(join(secrets, 'webhook-token'), 'webhook-token\n');
    writeFileSync(join(secrets, 'receiver-token'), 'receiver-token\n');
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    const port = await freePort();

    // The generated command, with the cluster's paths and addresses swapped for local ones. No SSH: file://.
    const local: Record<string, string> = {
      port: String(port),
      remote: `file://${remote}`,
      checkout,
      'token-file': join(secrets, 'webhook-token'),
      'receiver-url': `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      'receiver-token-file': join(secrets, 'receiver-token'),
      // The policy is a mounted file on the cluster, not a path in the checkout.
      policy: join(secrets, 'policy.yaml'),
    };
    writeFileSync(join(secrets, 'policy.yaml'), policy);
    const args: string[] = [];
    for (let i = SERVE + 1; i < command.length; i++) {
      const name = command[i].slice(2);
      if (name === 'dry-run') {
        args.push(command[i]);
        continue;
      }
      const value = command[++i];
      if (name === 'ssh-key' || name === 'known-hosts') continue; // file:// needs no SSH
      args.push(`--${name}`, local[name] ?? value);
    }
    child = spawn(process.execPath, [...nodeFlags, join(REPO_ROOT, RESPONDER_BUNDLE), 'serve', '--host', '127.0.0.1', ...args], {
      env: { ...process.env, HOME: secrets, GIT_CONFIG_NOSYSTEM: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout!.on('data', (c) => (logs += c));
    child.stderr!.on('data', (c) => (logs += c));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200; i++) {
      const ready = await fetch(`${base}/readyz`).then((r) => r.status, () => 0);
      if (ready === 200) break;
      await new Promise((done) => setTimeout(done, 50));
    }

    const post = (body: unknown) =>
      fetch(`${base}${RESPONDER_ALERT_PATH}`, { method: 'POST', headers: { authorization: 'Bearer webhook-token', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const shell = alert(DEMO.namespace, DEMO.name);
    const first = await post(shell);
    expect([first.status, logs]).toEqual([200, expect.any(String)]);
    // A second alert for the same shell: already contained, nothing more in Git.
    expect((await post({ ...shell, uuid: 'second' })).status).toBe(200);

    const after = clone(remote);
    dirs.push(after);
    expect(sh(after, 'log', '--format=%s').split('\n')).toEqual([expect.stringMatching(/scale-to-zero demo\/demo .*Terminal shell in container/), 'seed']);
    expect(sh(after, 'diff', '--stat', 'HEAD~1', 'HEAD')).toMatch(/^ ?apps\/demo\.yaml \| 2 \+-/m);
    expect(appliedReplicas(after)).toBe(0);
    expect(receiverCalls.length).toBeGreaterThanOrEqual(1);
    expect(receiverCalls.every((c) => c.signatureOk && /^\/hook\/[0-9a-f]{64}$/.test(c.path))).toBe(true);

    // Undo, the GitOps way.
    sh(after, 'revert', '--no-edit', 'HEAD');
    sh(after, 'push', '-q', 'origin', 'main');
    const undone = clone(remote);
    dirs.push(undone);
    expect(appliedReplicas(undone)).toBe(DEMO.replicas);

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((done) => child!.once('close', done));
    expect(code).toBe(0);
    expect(existsSync(join(checkout, '.git'))).toBe(true);
  }, 30_000);
});
