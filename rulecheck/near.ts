/**
 * Near misses (typos) of names, for "did you mean" hints: the rules checker's list names, the response policy's
 * rule names, tags, keys and actions. Pure and dependency-free, so the responder's bundle can carry it.
 */

/** Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Two names one or two edits apart (a typo), both at least 6 characters long. */
export function nearMiss(a: string, b: string): boolean {
  if (a === b || a.length < 6 || b.length < 6 || Math.abs(a.length - b.length) > 2) return false;
  return editDistance(a, b) <= 2;
}

/**
 * The candidate `name` most likely stands for, ignoring case: at most 2 edits away (a tenth of the length for
 * long names such as rule titles), and fewer edits than the name has characters, so that short words do not
 * match everything. Undefined when nothing is that close.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.min(Math.max(2, Math.floor(wanted.length / 10)), wanted.length - 1);
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(wanted, c.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { name: c, d };
  }
  return best?.name;
}
