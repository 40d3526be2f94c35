import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import type { BenchConfig } from '../config/schema';
import { KUBECONFIG_OUTPUT } from '../contract/naming';
import { AksCluster } from '../constructs/aks-cluster';
import { GitOpsRepository } from '../constructs/github-repository';
import { configureBackend } from '../constructs/state-backend';

/** Tags every Azure resource carries; the configuration's own tags are merged over them. */
export function resourceTags(config: BenchConfig): Record<string, string> {
  return { project: 'falco-aks-gitops-bench', 'managed-by': 'cdktf', cluster: config.cluster.name, ...config.azure.tags };
}

/**
 * Everything with a lifetime of its own on Azure and GitHub: the resource group, the AKS cluster with its
 * benchmark node pools, and the GitOps repository with Flux's deploy key (and the responder's write key). Credentials come from the
 * environment (`az login` or `ARM_*`, `GITHUB_TOKEN`) at deploy time and never enter the synthesized JSON.
 */
export class InfrastructureStack extends TerraformStack {
  readonly aks: AksCluster;
  readonly repository: GitOpsRepository;

  constructor(scope: Construct, id: string, config: BenchConfig) {
    super(scope, id);
    configureBackend(this, id, config.state);

    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      // Empty: the provider reads ARM_SUBSCRIPTION_ID at deploy time (synth needs no credentials).
      subscriptionId: config.azure.subscriptionId || undefined,
    });
    new GithubProvider(this, 'github', { owner: config.github.owner || undefined });
    new TlsProvider(this, 'tls', {});

    const tags = resourceTags(config);
    const group = new ResourceGroup(this, 'resource-group', {
      name: config.azure.resourceGroupName,
      location: config.azure.location,
      tags,
    });

    this.aks = new AksCluster(this, 'aks', {
      ...config.cluster,
      location: group.location,
      resourceGroupName: group.name,
      variants: config.benchmark.variants,
      tags,
    });

    this.repository = new GitOpsRepository(this, 'gitops-repository', {
      name: config.github.repository,
      mode: config.github.mode,
      visibility: config.github.visibility,
      deployKeyTitle: `flux-${config.cluster.name}`,
      // The responder's own key, with write access; none when the response engine is off.
      writeKeyTitle: config.response.enabled ? `responder-${config.cluster.name}` : undefined,
    });

    const kubeconfig = new TerraformOutput(this, KUBECONFIG_OUTPUT, {
      value: this.aks.cluster.kubeConfigRaw,
      sensitive: true,
      description: 'kubeconfig of the cluster (for `npm run report -- --from-cluster --cdktf-outputs FILE`)',
    });
    kubeconfig.overrideLogicalId(KUBECONFIG_OUTPUT);
    new TerraformOutput(this, 'repository', { value: this.repository.fullName, staticId: true });
    new TerraformOutput(this, 'get_credentials', {
      value: `az aks get-credentials --resource-group ${config.azure.resourceGroupName} --name ${config.cluster.name}`,
      staticId: true,
    });
  }
}
