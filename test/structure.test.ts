/**
 * The dependency rules between the program folders, read from the import statements: the contract (names,
 * labels, ports, file shapes) depends on no program, so every program can import it; the rules checker is a
 * program of its own, not a part of the generator.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** The project folders each `.ts` file under `dir` imports from (`../config/schema` → `config`). */
function importsOf(dir: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const name of readdirSync(join(root, dir)).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(root, dir, name), 'utf8');
    const folders = new Set<string>();
    for (const m of text.matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)) {
      const [first, second] = m[1].split('/');
      folders.add(first === '.' ? dir : first === '..' ? second : first);
    }
    found.set(`${dir}/${name}`, folders);
  }
  return found;
}

/** Each import of a file of `dir` from a folder that `allowed` refuses, as `file imports folder/`. */
function violations(dir: string, allowed: (folder: string) => boolean): string[] {
  return [...importsOf(dir)].flatMap(([file, folders]) => [...folders].filter((f) => !allowed(f)).map((f) => `${file} imports ${f}/`));
}

describe('dependency rules', () => {
  it('contract/ imports nothing but itself (no config/, no program)', () => {
    expect(importsOf('contract').size).toBeGreaterThan(1);
    expect(violations('contract', (f) => f === 'contract')).toEqual([]);
  });

  it('rulecheck/ does not import the generator (gitops/)', () => {
    expect(importsOf('rulecheck').size).toBeGreaterThan(1);
    expect(violations('rulecheck', (f) => f !== 'gitops')).toEqual([]);
  });

  it('config/ (what a setting means and allows) imports no program that reads it: no gitops/, constructs/, stacks/, responder/', () => {
    // The Falco chart pins and value keys a variant is checked against live in contract/ and config/ for this.
    expect(violations('config', (f) => !['gitops', 'constructs', 'stacks', 'responder', 'report', 'preflight'].includes(f))).toEqual([]);
  });

  it('reads real imports: config/schema.ts importing contract/ counts as a violation of a rule that forbids it', () => {
    expect(violations('config', (f) => f !== 'contract')).toEqual(expect.arrayContaining([expect.stringMatching(/^config\/schema\.ts imports contract\/$/)]));
  });
});
