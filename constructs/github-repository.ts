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

/**
 * A deploy key of its own ED25519 key pair (the private half is in Terraform state only): read-only unless
 * `readOnly: false` is asked for.
 */
export function deployKey(scope: Construct, id: string, repository: string, title: string, { readOnly = true } = {}): DeployKey {
  const privateKey = new PrivateKey(scope, id, { algorithm: 'ED25519' });
  const registration = new RepositoryDeployKey(scope, `${id}-registration`, { repository, title, key: privateKey.publicKeyOpenssh, readOnly });
  return { privateKey, registration };
}

/** A repository the app created or adopted: its name (for key and file registrations), `owner/name` and SSH URL. */
export interface GitHubRepository {
  readonly name: string;
  readonly fullName: string;
  /** In the form Flux's GitRepository accepts (`ssh://git@github.com/owner/name`). */
  readonly sshUrl: string;
  /** The resource, when the app creates the repository (`mode: create`). */
  readonly created?: Repository;
}

/**
 * `create`: a new repository, archived rather than deleted on destroy (it holds the user's files); `existing`: the
 * repository read as it is, never written. Either way under the id `repository` of `scope`.
 */
export function createOrAdoptRepository(
  scope: Construct,
  props: { name: string; mode: RepositoryMode; visibility?: RepositoryVisibility; description: string; autoInit: boolean },
): GitHubRepository {
  const repo =
    props.mode === 'create'
      ? new Repository(scope, 'repository', {
          name: props.name,
          description: props.description,
          visibility: props.visibility ?? 'private',
          autoInit: props.autoInit,
          archiveOnDestroy: true,
        })
      : new DataGithubRepository(scope, 'repository', { name: props.name });
  return {
    name: repo.name,
    fullName: repo.fullName,
    sshUrl: `ssh://git@github.com/${repo.fullName}`,
    ...(repo instanceof Repository ? { created: repo } : {}),
  };
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

    const repo = createOrAdoptRepository(this, {
      ...props,
      description: 'Falco on AKS benchmark, synced by Flux',
      // Empty, so that this project's history can be pushed to it as it is (Flux retries until it is there).
      autoInit: false,
    });
    this.fullName = repo.fullName;
    this.sshUrl = repo.sshUrl;

    const key = deployKey(this, 'deploy-key', repo.name, props.deployKeyTitle);
    this.privateKey = key.privateKey;
    this.deployKey = key.registration;
    this.knownHosts = githubKnownHosts(this);
  }
}
