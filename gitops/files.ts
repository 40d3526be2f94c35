/**
 * Reading, comparing and writing the generated tree on disk. Only ever touches files under `fluxcd/`, and
 * never those under the folders it does not own (`UNOWNED_DIRS`: the users' apps, the responder's responses)
 * nor the files it does not own (`UNOWNED_FILES`: the responder's bundle).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import type { SeedFolder } from './apps';
import { GITOPS_ROOT, UNOWNED_DIRS, UNOWNED_FILES } from './tree';

export interface TreeDiff {
  /** Present on both sides with different content. */
  differing: string[];
  /** Generated but absent on disk. */
  missing: string[];
  /** On disk under fluxcd/ but not generated (stale). */
  extra: string[];
}

const toRepoPath = (repoRoot: string, full: string) => relative(repoRoot, full).split(sep).join(posix.sep);
const isUnowned = (repoRoot: string, dir: string) => UNOWNED_DIRS.includes(toRepoPath(repoRoot, dir));

function listFiles(repoRoot: string, dir: string): string[] {
  if (!existsSync(dir) || isUnowned(repoRoot, dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return listFiles(repoRoot, full);
    return UNOWNED_FILES.includes(toRepoPath(repoRoot, full)) ? [] : [full];
  });
}

/**
 * Every file under `<repoRoot>/fluxcd/` that the generator owns (not under `UNOWNED_DIRS`), keyed by its path
 * relative to the repository root (with `/`).
 */
export function readTree(repoRoot: string): Map<string, string> {
  const files = listFiles(repoRoot, join(repoRoot, GITOPS_ROOT)).map((f) => toRepoPath(repoRoot, f));
  return new Map(files.sort().map((f) => [f, readFileSync(join(repoRoot, f), 'utf8')]));
}

/** The seed folders that do not exist yet (each is created whole, once). */
export function missingSeeds(repoRoot: string, seeds: readonly SeedFolder[]): SeedFolder[] {
  return seeds.filter((s) => !existsSync(join(repoRoot, s.dir)));
}

/** Creates the seed folders that do not exist; an existing one is never touched. Returns the created ones. */
export function writeSeeds(repoRoot: string, seeds: readonly SeedFolder[]): SeedFolder[] {
  const created = missingSeeds(repoRoot, seeds);
  for (const seed of created) {
    for (const [path, text] of seed.files) {
      assertOwned(path);
      mkdirSync(dirname(join(repoRoot, path)), { recursive: true });
      writeFileSync(join(repoRoot, path), text);
    }
  }
  return created;
}

export function diffTree(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): TreeDiff {
  const differing: string[] = [];
  const missing: string[] = [];
  for (const [path, text] of expected) {
    const found = actual.get(path);
    if (found === undefined) missing.push(path);
    else if (found !== text) differing.push(path);
  }
  const extra = [...actual.keys()].filter((p) => !expected.has(p));
  return { differing, missing, extra };
}

export const isClean = (d: TreeDiff) => d.differing.length + d.missing.length + d.extra.length === 0;

function assertOwned(path: string): void {
  if (!path.startsWith(`${GITOPS_ROOT}/`) || path.split('/').includes('..')) {
    throw new Error(`refusing to write outside ${GITOPS_ROOT}/: ${path}`);
  }
}

/** Makes `<repoRoot>/fluxcd/` equal `expected`: writes what differs, removes stale files and empty folders. */
export function writeTree(repoRoot: string, expected: ReadonlyMap<string, string>): TreeDiff {
  for (const path of expected.keys()) assertOwned(path);
  const diff = diffTree(expected, readTree(repoRoot));
  for (const path of [...diff.missing, ...diff.differing]) {
    const full = join(repoRoot, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, expected.get(path)!);
  }
  for (const path of diff.extra) {
    assertOwned(path);
    unlinkSync(join(repoRoot, path));
  }
  removeEmptyDirs(repoRoot, join(repoRoot, GITOPS_ROOT));
  return diff;
}

function removeEmptyDirs(repoRoot: string, dir: string): void {
  if (!existsSync(dir) || isUnowned(repoRoot, dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) removeEmptyDirs(repoRoot, join(dir, e.name));
  }
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
