/**
 * A push refused because the branch moved (someone else pushed), answered at once: when the commits that moved it
 * change none of the turn's files, the same commits are made again on its new head and pushed, round after round,
 * until one lands. A whole turn after a backoff would lose every race to a writer pushing every 200 ms.
 *
 * The rounds run as ONE shell process (fetch, compare, fast-import, push; no force anywhere): spawned from the
 * responder, each git process costs a fork of a large process and a wait for a busy event loop, and the window a
 * writer can slip into is the time from the fetch to the push. The commands and their arguments are fixed; every
 * value (remote, branch, paths) reaches git as an argument of its own, never as shell text.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, type Shell } from './git';
import { type Checkout, type Plan, fastImportStream, marksFile, readMarks } from './respond';

/**
 * What a refused push says when the branch is not where the push expected it: moved before the push (rejected,
 * not a fast-forward) or during it (the remote's ref lock found another head). One pattern for the responder's
 * own check and for the round's grep (POSIX extended, case-insensitive).
 */
export const REFUSED_PATTERN = 'rejected|non-fast-forward|fetch first|is at [0-9a-f]{7,} but expected';
const REFUSED = new RegExp(REFUSED_PATTERN, 'i');
export const refused = (message: string) => REFUSED.test(message);

/** How the script ends (its exit code), besides 0 (pushed) and anything else (a command failed). */
const EXIT = { unmoved: 3, ours: 4, pushFailed: 5, rounds: 6 } as const;

/**
 * The rounds. Arguments: remote, branch, tracking ref, fast-import stream file, marks file, rounds, the refused
 * pattern, commit count; then the turn's paths. Prints `round N` as each starts. `base` is what the turn planned on
 * (below its own commits), then each fetched head in turn: the plans hold whole file texts made from `base`, so
 * they still apply exactly when the new head has the same content at those paths (a literal pathspec each).
 * Once pushed, the work tree and index are set to the new head (`clean` printed), so the next turn starts there.
 */
export const ROUND_SCRIPT = `set -u
remote=$1 branch=$2 tracking=$3 stream=$4 marks=$5 rounds=$6 refused=$7 count=$8
shift 8
base=$(git rev-parse --verify --quiet "HEAD~$count^{commit}") || exit 9
out=''
i=0
while [ "$i" -lt "$rounds" ]; do
  i=$((i + 1))
  echo "round $i"
  git fetch --quiet --no-auto-maintenance "$remote" "+refs/heads/$branch:$tracking" || exit 9
  new=$(git rev-parse --verify --quiet "$tracking^{commit}") || exit 9
  [ "$new" = "$base" ] && exit ${EXIT.unmoved}
  git --literal-pathspecs diff --quiet "$base" "$new" -- "$@"
  case $? in 0) ;; 1) exit ${EXIT.ours} ;; *) exit 9 ;; esac
  git fast-import --quiet --done --force --export-marks="$marks" <"$stream" || exit 9
  if out=$(git push --quiet --porcelain "$remote" "HEAD:refs/heads/$branch" 2>&1); then
    echo pushed
    git reset --quiet --hard && git clean --quiet -ffd && echo clean
    exit 0
  fi
  printf '%s\\n' "$out" | grep -Eqi -e "$refused" || { printf '%s\\n' "$out" >&2; exit ${EXIT.pushFailed}; }
  base=$new
done
printf '%s\\n' "$out" >&2
exit ${EXIT.rounds}
`;

export interface Target {
  /** The remote's URL, as configured (never a remote name the checkout could redefine). */
  remote: string;
  branch: string;
  /** Where the fetched head is kept (`refs/remotes/origin/<branch>`). */
  tracking: `refs/${string}`;
}

/**
 * Pushed: the new commit ids, oldest first, and whether the checkout was then set to them (work tree and index).
 * Not: why (the branch did not move, so the refusal was something else; the moved commits changed the turn's
 * files, so it must plan again; the rounds ran out, with the last refusal).
 */
export type Replayed = { rounds: number } & ({ ids: string[]; clean: boolean } | { why: 'unmoved' | 'ours changed' | 'rounds'; error?: string });

/**
 * After the turn's push (of `plans`, committed on the checkout's branch) was refused because the branch moved:
 * up to `rounds` rounds of fetch, compare, fast-import onto the new head, push. The local branch ends at the last
 * commits made; unless they were pushed (and the checkout set to them), the work tree is the caller's to reset.
 * A command that fails otherwise throws a GitError.
 */
export async function pushReplayed(co: Checkout, sh: Shell, to: Target, plans: Extract<Plan, { kind: 'change' }>[], rounds = 20): Promise<Replayed> {
  const paths = [...new Set(plans.flatMap((p) => p.files.map((f) => f.path)))];
  const streamFile = join(co.dir, '.git', 'responder-replay');
  const marks = marksFile(co);
  // Written once: its `from` is the tracking ref, which fast-import reads as it is in each round.
  writeFileSync(streamFile, fastImportStream(co, plans, to.tracking));
  try {
    const r = await sh(ROUND_SCRIPT, [to.remote, to.branch, to.tracking, streamFile, marks, String(rounds), REFUSED_PATTERN, String(plans.length), ...paths]);
    const ran = r.stdout.split('\n').filter((l) => /^round \d+$/.test(l)).length;
    if (r.code === 0) return { rounds: ran, ids: readMarks(marks, plans.length), clean: /^clean$/m.test(r.stdout) };
    if (r.code === EXIT.unmoved) return { rounds: ran, why: 'unmoved' };
    if (r.code === EXIT.ours) return { rounds: ran, why: 'ours changed' };
    if (r.code === EXIT.rounds) return { rounds: ran, why: 'rounds', error: r.stderr.trim() };
    throw new GitError(['push'], r.code, r.stderr);
  } finally {
    rmSync(streamFile, { force: true });
    rmSync(marks, { force: true });
  }
}
