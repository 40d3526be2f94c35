import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { DataGithubRepository } from '@cdktf/provider-github/lib/data-github-repository';
import { DataGithubSshKeys } from '@cdktf/provider-github/lib/data-github-ssh-keys';
import { Repository } from '@cdktf/provider-github/lib/repository';
import { RepositoryDeployKey } from '@cdktf/provider-github/lib/repository-deploy-key';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import type { RepositoryMode, RepositoryVisibility } from '../config/schema';

export interface GitOpsRepositoryProps {
  /** Repository name; the owner is the github provider's (config `github.owner` or `GITHUB_OWNER`). */
  readonly name: string;
  /** `existing` adopts the repository (a fork); `create` creates it. */
  readonly mode: RepositoryMode;
  /** Visibility of a created repository. */
  readonly visibility?: RepositoryVisibility;
  /** Title of the deploy key in the repository settings. */
  readonly deployKeyTitle: string;
}

/** A deploy key: the private key (kept in Terraform state) and its registration in the repository. */
export interface DeployKey {
  readonly privateKey: PrivateKey;
  readonly registration: RepositoryDeployKey;
}

/** A read-only deploy key of its own ED25519 key pair: the private half is in Terraform state only. */
export function readOnlyDeployKey(scope: Construct, id: string, repository: string, title: string): DeployKey {
  const privateKey = new PrivateKey(scope, id, { algorithm: 'ED25519' });
  const registration = new RepositoryDeployKey(scope, `${id}-registration`, { repository, title, key: privateKey.publicKeyOpenssh, readOnly: true });
  return { privateKey, registration };
}

/** `known_hosts` lines for github.com, from the host keys GitHub publishes. */
export function githubKnownHosts(scope: Construct, id = 'github-host-keys'): string {
  const hostKeys = new DataGithubSshKeys(scope, id, {});
  return Fn.join('\n', Fn.formatlist('github.com %s', [hostKeys.keys]));
}

/**
 * The platform repository Flux syncs from (with cluster-admin rights), with exactly one deploy key: Flux's,
 * read-only, whose private half only Flux holds. Nothing can push to it from the cluster; the responder's write
 * key is on the apps repository (apps-repository.ts). Also provides `known_hosts` for github.com from the host
 * keys GitHub publishes, so that Flux verifies the host.
 */
export class GitOpsRepository extends Construct {
  /** `owner/name`, known once the repository is read or created. */
  readonly fullName: string;
  /** SSH URL in the form Flux's GitRepository accepts (`ssh://git@github.com/owner/name`). */
  readonly sshUrl: string;
  readonly deployKey: RepositoryDeployKey;
  readonly privateKey: PrivateKey;
  /** `known_hosts` lines for github.com. */
  readonly knownHosts: string;

  constructor(scope: Construct, id: string, props: GitOpsRepositoryProps) {
    super(scope, id);

    let repositoryName: string;
    if (props.mode === 'create') {
      const repo = new Repository(this, 'repository', {
        name: props.name,
        description: 'Falco on AKS benchmark, synced by Flux',
        visibility: props.visibility ?? 'private',
        // Empty, so that this project's history can be pushed to it as it is (Flux retries until it is there).
        autoInit: false,
        // `cdktf destroy` archives rather than deletes it: the repository holds the user's configuration.
        archiveOnDestroy: true,
      });
      repositoryName = repo.name;
      this.fullName = repo.fullName;
    } else {
      const repo = new DataGithubRepository(this, 'repository', { name: props.name });
      repositoryName = repo.name;
      this.fullName = repo.fullName;
    }
    this.sshUrl = `ssh://git@github.com/${this.fullName}`;

    const key = readOnlyDeployKey(this, 'deploy-key', repositoryName, props.deployKeyTitle);
    this.privateKey = key.privateKey;
    this.deployKey = key.registration;
    this.knownHosts = githubKnownHosts(this);
  }
}
