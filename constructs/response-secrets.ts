import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Password } from '@cdktf/provider-random/lib/password';
import {
  APPS_GIT_SECRET,
  APPS_REPOSITORY_CONFIGMAP,
  APPS_REPOSITORY_VAR,
  FALCOSIDEKICK_ENV_SECRET,
  FLUX_NAMESPACE,
  RECEIVER_TOKEN_SECRET,
  RESPONDER_GIT_SECRET,
  RESPONDER_WEBHOOK_SECRET,
  RESPONSE_NAMESPACE,
} from '../contract/naming';

export interface ResponseSecretsProps {
  /** The responder's write deploy key on the apps repository (OpenSSH private key). */
  readonly identity: string;
  /** `known_hosts` lines for github.com. */
  readonly knownHosts: string;
  /** `ssh://git@github.com/<owner>/<apps repo>`: the responder's `--remote`. */
  readonly remoteUrl: string;
  /** `owner/name` of the apps repository, substituted into its Flux GitRepository. */
  readonly appsRepository: string;
  /** Flux's read-only deploy key on the apps repository (OpenSSH private and public key). */
  readonly fluxIdentity: string;
  readonly fluxIdentityPub: string;
  /** What creates `FLUX_NAMESPACE` (the flux2 release): the Receiver's token Secret goes there. */
  readonly fluxNamespaceCreatedBy: ITerraformDependable;
}

/** Length of the generated tokens: 48 alphanumerics, about 285 bits. */
const TOKEN_LENGTH = 48;

/**
 * The response engine's credentials as Kubernetes Secrets, made at deploy time and never in Git: the
 * responder's git identity (write deploy key on the apps repository, GitHub's host keys, the apps repository's
 * URL), Flux's read-only key on the apps repository (and a ConfigMap naming it), the webhook token that
 * Falcosidekick sends and the responder checks, and the Flux Receiver's token (in both namespaces that use it).
 *
 * Also the response namespace itself: the Secrets must exist before Flux starts the workloads that mount them,
 * so Terraform, not the tree, owns it (Pod Security `restricted` enforced). The values are Terraform
 * references, resolved at apply time: the synthesized JSON holds none of them.
 */
export class ResponseSecrets extends Construct {
  readonly namespace: NamespaceV1;
  readonly secrets: SecretV1[];
  readonly appsRepositoryConfigMap: ConfigMapV1;

  constructor(scope: Construct, id: string, props: ResponseSecretsProps) {
    super(scope, id);
    const token = (name: string) => new Password(this, name, { length: TOKEN_LENGTH, special: false });
    const webhookToken = token('webhook-token');
    const receiverToken = token('receiver-token');

    this.namespace = new NamespaceV1(this, 'namespace', {
      metadata: {
        name: RESPONSE_NAMESPACE,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    const inResponse = (name: string, data: Record<string, string>) =>
      new SecretV1(this, `${name}-${RESPONSE_NAMESPACE}`, { metadata: { name, namespace: this.namespace.metadata.name }, data });

    this.secrets = [
      inResponse(RESPONDER_GIT_SECRET, { identity: props.identity, known_hosts: props.knownHosts, remote: props.remoteUrl }),
      inResponse(RESPONDER_WEBHOOK_SECRET, { token: webhookToken.result }),
      // Falcosidekick reads its settings from the environment: this header goes with every webhook POST.
      inResponse(FALCOSIDEKICK_ENV_SECRET, { WEBHOOK_CUSTOMHEADERS: `Authorization:Bearer ${webhookToken.result}` }),
      inResponse(RECEIVER_TOKEN_SECRET, { token: receiverToken.result }),
      new SecretV1(this, `${RECEIVER_TOKEN_SECRET}-${FLUX_NAMESPACE}`, {
        metadata: { name: RECEIVER_TOKEN_SECRET, namespace: FLUX_NAMESPACE },
        data: { token: receiverToken.result },
        dependsOn: [props.fluxNamespaceCreatedBy],
      }),
      // Flux's GitRepository `apps` reads the apps repository with this (the SSH Secret format of Flux).
      new SecretV1(this, `${APPS_GIT_SECRET}-${FLUX_NAMESPACE}`, {
        metadata: { name: APPS_GIT_SECRET, namespace: FLUX_NAMESPACE },
        data: { identity: props.fluxIdentity, 'identity.pub': props.fluxIdentityPub, known_hosts: props.knownHosts },
        dependsOn: [props.fluxNamespaceCreatedBy],
      }),
    ];
    this.appsRepositoryConfigMap = new ConfigMapV1(this, `${APPS_REPOSITORY_CONFIGMAP}-configmap-${FLUX_NAMESPACE}`, {
      metadata: { name: APPS_REPOSITORY_CONFIGMAP, namespace: FLUX_NAMESPACE },
      data: { [APPS_REPOSITORY_VAR]: props.appsRepository },
      dependsOn: [props.fluxNamespaceCreatedBy],
    });
  }
}
