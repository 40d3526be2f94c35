import { Construct } from 'constructs';
import { Fn, TerraformStack } from 'cdktf';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import type { BenchConfig } from '../config/schema';
import { clusterPath } from '../contract/naming';
import { FluxBootstrap } from '../constructs/flux-bootstrap';
import { configureBackend } from '../constructs/state-backend';
import type { InfrastructureStack } from './infrastructure-stack';

/**
 * Flux on the cluster. A stack of its own because the helm provider must be configured from a cluster that
 * already exists: Terraform cannot configure a provider from a resource created in the same run. The values
 * arrive by cdktf cross-stack references (outputs of the infrastructure stack, read as remote state).
 */
export class FluxStack extends TerraformStack {
  readonly bootstrap: FluxBootstrap;

  constructor(scope: Construct, id: string, config: BenchConfig, infrastructure: InfrastructureStack) {
    super(scope, id);
    configureBackend(this, id, config.state);
    this.addDependency(infrastructure);

    const kube = infrastructure.aks.cluster.kubeConfig.get(0);
    new HelmProvider(this, 'helm', {
      kubernetes: {
        host: kube.host,
        clientCertificate: Fn.base64decode(kube.clientCertificate),
        clientKey: Fn.base64decode(kube.clientKey),
        clusterCaCertificate: Fn.base64decode(kube.clusterCaCertificate),
      },
    });

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
  }
}
