import { Construct } from 'constructs';
import { RepositoryFile } from '@cdktf/provider-github/lib/repository-file';
import type { RepositoryMode, RepositoryVisibility } from '../config/schema';
import { APPS_README } from '../contract/naming';
import { type DeployKey, createOrAdoptRepository, deployKey } from './github-repository';

export interface AppsRepositoryProps {
  /** Repository name; the owner is the github provider's (config `github.owner` or `GITHUB_OWNER`). */
  readonly name: string;
  /** `create`: create it and seed it once; `existing`: adopt it, never written by Terraform. */
  readonly mode: RepositoryMode;
  readonly visibility?: RepositoryVisibility;
  /** Branch Flux follows and the responder pushes to; the seed is committed there. */
  readonly branch: string;
  /** Files of a created repository's seed (path -> text); ignored when adopting. */
  readonly seed: ReadonlyMap<string, string>;
  /** Title of Flux's read-only deploy key. */
  readonly fluxKeyTitle: string;
  /** Title of the responder's write deploy key. */
  readonly writeKeyTitle: string;
}

/**
 * The apps (tenant) repository: the workloads the responder may act on and its responses. Two deploy keys, each
 * its own ED25519 key pair (revoking one leaves the other): Flux's read-only, and the responder's, the only key
 * with write access that `npm run deploy` registers anywhere. Flux applies this repository under a
 * namespace-scoped identity (gitops/tenants.ts), so what that key can push is limited to workloads in the tenant
 * namespaces.
 *
 * A created repository is seeded once: each file is a `github_repository_file` that never overwrites an existing
 * file and whose later changes (by users or the responder) Terraform ignores. An adopted one is never written.
 */
export class AppsRepository extends Construct {
  /** `owner/name`, known once the repository is read or created. */
  readonly fullName: string;
  /** SSH URL in the form Flux's GitRepository accepts (`ssh://git@github.com/owner/name`). */
  readonly sshUrl: string;
  readonly fluxKey: DeployKey;
  readonly writeKey: DeployKey;
  readonly seedFiles: RepositoryFile[];

  constructor(scope: Construct, id: string, props: AppsRepositoryProps) {
    super(scope, id);
    const repo = createOrAdoptRepository(this, {
      ...props,
      description: 'Workloads of the Falco on AKS response engine, applied by Flux as a tenant',
      // GitHub's initial commit (a README) gives the seed files a branch to go to; ours replaces that README
      // at creation only.
      autoInit: true,
    });
    this.fullName = repo.fullName;
    this.sshUrl = repo.sshUrl;
    // Only a created repository is seeded: an adopted one is never written by Terraform.
    this.seedFiles = repo.created
      ? [...props.seed].map(
          ([file, content]) =>
            new RepositoryFile(this, `seed-${file.replace(/[^A-Za-z0-9]+/g, '-')}`, {
              repository: repo.name,
              branch: props.branch,
              // A branch other than the default one is made from it.
              autocreateBranch: true,
              file,
              content,
              commitMessage: `Seed ${file} (once; Terraform never changes it again)`,
              // Never replace a file that exists, except GitHub's own placeholder README of the initial commit.
              overwriteOnCreate: file === APPS_README,
              // Users and the responder own the file from now on: Terraform ignores every later change to it.
              lifecycle: { ignoreChanges: 'all' },
            }),
        )
      : [];

    this.fluxKey = deployKey(this, 'flux-key', repo.name, props.fluxKeyTitle);
    this.writeKey = deployKey(this, 'write-key', repo.name, props.writeKeyTitle, { readOnly: false });
  }
}
