/** The README's configuration reference is checked against the code's defaults, so the two cannot drift. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../config/schema';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const configSection = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### How a change flows'));
const rows = new Map(
  [...configSection.matchAll(/^\| `([\w.]+)` \| (.*?) \| .* \|$/gm)].map(([, key, def]) => [key, def]),
);

/** Leaf settings of the defaults, as dotted paths (maps of free-form keys count as one leaf). */
function leaves(value: unknown, at = ''): [string, unknown][] {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 && at !== 'azure.tags') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
  }
  return [[at, value]];
}

describe('README configuration reference', () => {
  it.each(leaves(DEFAULT_CONFIG).filter(([key]) => key !== 'benchmark.variants'))('documents %s with its default', (key, value) => {
    expect(rows.has(key)).toBe(true);
    const shown = typeof value === 'string' ? (value === '' ? '`""`' : `\`${value}\``) : `\`${JSON.stringify(value)}\``;
    expect(rows.get(key)).toBe(shown);
  });

  it('lists every default variant with its driver, buffering, CPU and memory', () => {
    for (const v of DEFAULT_CONFIG.benchmark.variants) {
      const driver = v.driver;
      const line = `| \`${v.name}\` | ${driver} | ${v.bufferedOutputs ? 'yes' : 'no'} | ${v.cpu.limit} | ${v.memory.limit} |`;
      expect(readme).toContain(line);
    }
  });

  it('names the test command that CI runs', () => {
    const ci = readFileSync(join(__dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(readme).toContain('npm ci && npm test');
  });
});
