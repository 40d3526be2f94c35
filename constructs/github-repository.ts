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
  /**
   * Title of a second deploy key, with write access, for the responder (response commits). Absent: no such key.
   * Its own ED25519 key: Flux's key stays read-only, and revoking one leaves the other.
   */
  readonly writeKeyTitle?: string;
}

/** A deploy key: the private key (kept in Terraform state) and its registration in the repository. */
export interface DeployKey {
  readonly privateKey: PrivateKey;
  readonly registration: RepositoryDeployKey;
}

/**
 * The repository Flux syncs from, with a read-only deploy key whose private half only Flux holds, and optionally
 * a write key for the responder (its own key pair, so each can be revoked alone). Also
 * provides `known_hosts` for github.com from the host keys GitHub publishes, so that Flux verifies the host.
 */
export class GitOpsRepository extends Construct {
  /** `owner/name`, known once the repository is read or created. */
  readonly fullName: string;
  /** SSH URL in the form Flux's GitRepository accepts (`ssh://git@github.com/owner/name`). */
  readonly sshUrl: string;
  readonly deployKey: RepositoryDeployKey;
  readonly privateKey: PrivateKey;
  /** The responder's write key, when `writeKeyTitle` is set. */
  readonly writeKey?: DeployKey;
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

    this.privateKey = new PrivateKey(this, 'deploy-key', { algorithm: 'ED25519' });
    this.deployKey = new RepositoryDeployKey(this, 'deploy-key-registration', {
      repository: repositoryName,
      title: props.deployKeyTitle,
      key: this.privateKey.publicKeyOpenssh,
      readOnly: true,
    });

    if (props.writeKeyTitle) {
      const privateKey = new PrivateKey(this, 'write-key', { algorithm: 'ED25519' });
      const registration = new RepositoryDeployKey(this, 'write-key-registration', {
        repository: repositoryName,
        title: props.writeKeyTitle,
        key: privateKey.publicKeyOpenssh,
        readOnly: false,
      });
      this.writeKey = { privateKey, registration };
    }

    const hostKeys = new DataGithubSshKeys(this, 'github-host-keys', {});
    this.knownHosts = Fn.join('\n', Fn.formatlist('github.com %s', [hostKeys.keys]));
  }
}
