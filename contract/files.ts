/** A file of the repository as the programs pass it around: the generator, the rules checker, the policy check. */
export interface RepoFile {
  /** Relative to the repository root, with `/`. */
  path: string;
  text: string;
}
