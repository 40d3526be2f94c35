/**
 * A fork edits bench.config.yaml; its CI must stay green and still catch a tree that was not regenerated.
 * Each case edits a COPY of the repository's configuration in a temporary folder (never the user's file),
 * beside a copy of the repository's fluxcd/, rules and responder bundle: the stale tree fails the drift check
 * naming the right files, `npm run gitops` repairs it, and the Terraform node pools match the new tree.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { EXIT } from '../cli/command';
import { loadConfig } from '../config/load';
import type { BenchConfig, VariantConfig } from '../config/schema';
import { benchmarkReleaseName, falcoReleaseName } from '../contract/naming';
import { LAYER_PATHS } from '../gitops/tree';
import { REPO_ROOT, scratchRepo } from './helpers/gitops-tree';
import { resources, synthStacks } from './helpers/synth';
import { runGitops } from './helpers/gitops-cli';

const userText = readFileSync(join(REPO_ROOT, 'bench.config.yaml'), 'utf8');
/** The user's configuration as resolved (defaults filled in), whatever it holds. */
const user = loadConfig(join(REPO_ROOT, 'bench.config.yaml'), {}, () => undefined);

const variantFiles = (v: Pick<VariantConfig, 'name'>) => [`${LAYER_PATHS.falco}/${falcoReleaseName(v)}.yaml`, `${LAYER_PATHS.benchmark}/${benchmarkReleaseName(v)}.yaml`];
/** A variant name that the user's list does not have yet. */
const freshName = () => ['seventh', 'extra7', 'fork7'].find((n) => !user.benchmark.variants.some((v) => v.name === n))!;

/** Applies `edit` to the parsed copy of the user's file (keeping what they wrote, adding what was defaulted). */
function editedCopy(edit: (doc: Record<string, any>) => void): string {
  const doc = (parse(userText) ?? {}) as Record<string, any>;
  doc.cluster ??= {};
  doc.benchmark ??= {};
  doc.benchmark.variants ??= structuredClone(user.benchmark.variants);
  edit(doc);
  return stringify(doc);
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const otherVmSize = user.cluster.benchmarkVmSize === 'Standard_D8as_v5' ? 'Standard_D4as_v5' : 'Standard_D8as_v5';
const seventh: VariantConfig = { name: freshName(), driver: 'modern_ebpf', bufferedOutputs: true, cpu: { request: '500m', limit: '1' }, memory: { request: '512Mi', limit: '1Gi' }, customRules: false };
const removed = user.benchmark.variants[user.benchmark.variants.length - 1];

type Case = readonly [string, (doc: Record<string, any>) => void, (c: BenchConfig) => string[]];
const cases: Case[] = [
  [
    `another benchmark VM size (${otherVmSize})`,
    (doc) => (doc.cluster.benchmarkVmSize = otherVmSize),
    // The run hash covers the node's VM size: every benchmark runs again.
    (c) => c.benchmark.variants.map((v) => `differs: ${LAYER_PATHS.benchmark}/${benchmarkReleaseName(v)}.yaml`),
  ],
  ['a further variant', (doc) => doc.benchmark.variants.push(seventh), () => variantFiles(seventh).map((f) => `missing: ${f}`)],
  ...(user.benchmark.variants.length > 1
    ? [['a variant removed', (doc: Record<string, any>) => doc.benchmark.variants.pop(), () => variantFiles(removed).map((f) => `extra:   ${f}`)] as const]
    : []),
];

describe("a fork's edited configuration (on a copy)", () => {
  it.each(cases)('%s: the stale tree fails the check, regenerating repairs it, node pools match', async (_label, edit, expectedDrift) => {
    const dir = scratchRepo(userText, 'copy-fluxcd');
    dirs.push(dir);
    expect((await runGitops(['--check'], dir)).code).toBe(EXIT.ok);

    writeFileSync(join(dir, 'bench.config.yaml'), editedCopy(edit));
    const edited = loadConfig(join(dir, 'bench.config.yaml'), {}, () => undefined);
    const stale = await runGitops(['--check'], dir);
    expect(stale.code).toBe(EXIT.findings);
    const drift = stale.err.split('\n').slice(1).map((l) => l.trim());
    expect(drift).toEqual(expect.arrayContaining(expectedDrift(edited)));

    expect((await runGitops([], dir)).code).toBe(EXIT.ok);
    expect(await runGitops(['--check'], dir)).toMatchObject({ code: EXIT.ok, err: '' });

    const { infrastructure } = synthStacks(edited);
    const pools = resources(infrastructure, 'azurerm_kubernetes_cluster_node_pool');
    expect(pools.map((p) => p.name).sort()).toEqual(edited.benchmark.variants.map((v) => v.name).sort());
    expect(new Set(pools.map((p) => p.vm_size))).toEqual(new Set([edited.cluster.benchmarkVmSize]));
    // The user's own files were not touched.
    expect(readFileSync(join(REPO_ROOT, 'bench.config.yaml'), 'utf8')).toBe(userText);
  });
});
