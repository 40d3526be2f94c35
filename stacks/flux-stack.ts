import { Construct } from 'constructs';
import { Fn, TerraformStack } from 'cdktf';
import { HelmProvider, type HelmProviderKubernetes } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import type { BenchConfig } from '../config/schema';
import { clusterPath } from '../contract/naming';
import { FluxBootstrap } from '../constructs/flux-bootstrap';
import { ResponseSecrets } from '../constructs/response-secrets';
import { configureBackend } from '../constructs/state-backend';
import type { InfrastructureStack } from './infrastructure-stack';

/** Application ID of the AKS Entra ID server (the same in every tenant): the audience of kubelogin's token. */
export const AKS_ENTRA_SERVER_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/**
 * Flux on the cluster. A stack of its own because the helm provider must be configured from a cluster that
 * already exists: Terraform cannot configure a provider from a resource created in the same run. The values
 * arrive by cdktf cross-stack references (outputs of the infrastructure stack, read as remote state).
 */
export class FluxStack extends TerraformStack {
  readonly bootstrap: FluxBootstrap;
  readonly responseSecrets?: ResponseSecrets;

  constructor(scope: Construct, id: string, config: BenchConfig, infrastructure: InfrastructureStack) {
    super(scope, id);
    configureBackend(this, id, config.state);
    this.addDependency(infrastructure);

    const kube = infrastructure.aks.cluster.kubeConfig.get(0);
    const endpoint = { host: kube.host, clusterCaCertificate: Fn.base64decode(kube.clusterCaCertificate) };
    // No client certificate exists with Entra ID: a token for the identity of `az login`, which the
    // infrastructure stack made cluster admin. Needs kubelogin on the PATH of whoever deploys.
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'kubelogin',
      args: ['get-token', '--login', 'azurecli', '--server-id', AKS_ENTRA_SERVER_ID],
    };
    const certificate = { clientCertificate: Fn.base64decode(kube.clientCertificate), clientKey: Fn.base64decode(kube.clientKey) };
    const kubernetes: HelmProviderKubernetes = config.cluster.entraIdRbac ? { ...endpoint, exec } : { ...endpoint, ...certificate };
    new HelmProvider(this, 'helm', { kubernetes });

    const repository = infrastructure.repository;
    this.bootstrap = new FluxBootstrap(this, 'flux', {
      url: repository.sshUrl,
      branch: config.github.branch,
      path: `./${clusterPath(config)}`,
      interval: config.flux.interval,
      identity: repository.privateKey.privateKeyOpenssh,
      identityPub: repository.privateKey.publicKeyOpenssh,
      knownHosts: repository.knownHosts,
    });

    const apps = infrastructure.appsRepository;
    if (config.response.enabled && apps) {
      // Plain Secrets are what the kubernetes provider is for: typed, diffed, deleted on destroy, without a Helm
      // release keeping a second copy of every value in its release history.
      new KubernetesProvider(this, 'kubernetes', config.cluster.entraIdRbac ? { ...endpoint, exec: [exec] } : { ...endpoint, ...certificate });
      new RandomProvider(this, 'random', {});
      this.responseSecrets = new ResponseSecrets(this, 'response-secrets', {
        identity: apps.writeKey.privateKey.privateKeyOpenssh,
        knownHosts: repository.knownHosts,
        remoteUrl: apps.sshUrl,
        appsRepository: apps.fullName,
        fluxIdentity: apps.fluxKey.privateKey.privateKeyOpenssh,
        fluxIdentityPub: apps.fluxKey.privateKey.publicKeyOpenssh,
        fluxNamespaceCreatedBy: this.bootstrap.flux,
      });
      // Flux starts the responder only once its Secrets exist, and on destroy removes it before they go.
      this.bootstrap.syncAfter(this.responseSecrets.namespace, ...this.responseSecrets.secrets, this.responseSecrets.appsRepositoryConfigMap);
    }
  }
}
