/**
 * Reading, comparing and writing the generated tree on disk. Only ever touches files under `fluxcd/`: the whole
 * folder is the generator's (the users' workloads and the responses live in the apps repository) but for the
 * responder's bundle (`UNOWNED_FILES`), which `npm run build:responder` writes.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { GITOPS_ROOT, UNOWNED_FILES } from './tree';

export interface TreeDiff {
  /** Present on both sides with different content. */
  differing: string[];
  /** Generated but absent on disk. */
  missing: string[];
  /** On disk under fluxcd/ but not generated (stale). */
  extra: string[];
}

const toRepoPath = (repoRoot: string, full: string) => relative(repoRoot, full).split(sep).join(posix.sep);

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? listFiles(full) : [full];
  });
}

/**
 * Every file under `<repoRoot>/fluxcd/` that the generator owns (all but `UNOWNED_FILES`), keyed by its path
 * relative to the repository root (with `/`).
 */
export function readTree(repoRoot: string): Map<string, string> {
  const files = listFiles(join(repoRoot, GITOPS_ROOT))
    .map((f) => toRepoPath(repoRoot, f))
    .filter((f) => !UNOWNED_FILES.includes(f));
  return new Map(files.sort().map((f) => [f, readFileSync(join(repoRoot, f), 'utf8')]));
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
  removeEmptyDirs(join(repoRoot, GITOPS_ROOT));
  return diff;
}

function removeEmptyDirs(dir: string): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) removeEmptyDirs(join(dir, e.name));
  }
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
