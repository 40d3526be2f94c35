/** The README's configuration reference is generated from the registry; these tests keep the two equal. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../cli/command';
import { DOCS_BEGIN, DOCS_END, configReference, main, withReference } from '../config/docs';
import { DEFAULT_CONFIG } from '../config/schema';

const README = join(__dirname, '..', 'README.md');
const readme = readFileSync(README, 'utf8');

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (l) => err.push(l) });
  return { code, out: out.join(''), err: err.join('\n') };
}

describe('README configuration reference', () => {
  it('is exactly what `npm run docs:config` generates from config/schema.ts', () => {
    expect(withReference(readme)).toBe(readme);
    expect((readme.match(new RegExp(DOCS_BEGIN.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&'), 'g')) ?? []).length).toBe(1);
  });

  it('has a row with the default of every setting, and a row per default variant', () => {
    const reference = configReference();
    expect(reference).toContain('| `cluster.benchmarkVmSize` | `Standard_D4as_v5` |');
    expect(reference).toContain('| `benchmark.variants[].cpu.limit` | required |');
    expect(reference).toContain('| `github.owner` | `""` |');
    for (const v of DEFAULT_CONFIG.benchmark.variants) {
      expect(reference).toContain(`| \`${v.name}\` | \`${v.driver}\` | \`${v.bufferedOutputs}\` | \`${v.cpu.request}\` |`);
    }
  });

  it('--check exits 1 on a stale copy, writing repairs it, and missing markers are bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-'));
    const copy = join(dir, 'README.md');
    writeFileSync(copy, readme.replace('| `cluster.name` | `aks-falco` |', '| `cluster.name` | `old` |'));
    const stale = await run(['--check', '--readme', copy]);
    expect(stale.code).toBe(EXIT.findings);
    expect(stale.err).toContain('npm run docs:config');
    expect((await run(['--readme', copy])).code).toBe(EXIT.ok);
    expect(readFileSync(copy, 'utf8')).toBe(readme);
    expect((await run(['--check', '--readme', copy])).code).toBe(EXIT.ok);
    writeFileSync(copy, readme.replace(DOCS_END, ''));
    expect((await run(['--check', '--readme', copy])).code).toBe(EXIT.badInput);
  });

  it('the Commands table lists every npm script, once, and the exit codes are documented', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).scripts);
    const section = readme.slice(readme.indexOf('### Commands'), readme.indexOf('## How it fits together'));
    const listed = [...section.matchAll(/^\| `npm (?:run )?([\w:]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...scripts].sort());
    expect(section).toMatch(/\*\*0\*\* when all is well,\s+\*\*1\*\* when it ran and found something wrong, \*\*2\*\* on bad input/);
  });

  it('names the test command that CI runs', () => {
    const ci = readFileSync(join(__dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(readme).toContain('npm ci && npm test');
  });
});
