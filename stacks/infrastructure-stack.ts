import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import type { BenchConfig } from '../config/schema';
import { KUBECONFIG_OUTPUT } from '../contract/naming';
import { AksCluster } from '../constructs/aks-cluster';
import { AppsRepository } from '../constructs/apps-repository';
import { GitOpsRepository } from '../constructs/github-repository';
import { appsRepositorySeed } from '../gitops/apps';
import { configureBackend } from '../constructs/state-backend';

/** Tags every Azure resource carries; the configuration's own tags are merged over them. */
export function resourceTags(config: BenchConfig): Record<string, string> {
  return { project: 'falco-aks-gitops-bench', 'managed-by': 'cdktf', cluster: config.cluster.name, ...config.azure.tags };
}

/**
 * Everything with a lifetime of its own on Azure and GitHub: the resource group, the AKS cluster with its
 * benchmark node pools, the platform repository with Flux's read-only deploy key (its only key) and, with the
 * response engine, the apps repository with Flux's read-only key and the responder's write key. Credentials come from the
 * environment (`az login` or `ARM_*`, `GITHUB_TOKEN`) at deploy time and never enter the synthesized JSON.
 */
export class InfrastructureStack extends TerraformStack {
  readonly aks: AksCluster;
  readonly repository: GitOpsRepository;
  /** The apps (tenant) repository, when the response engine is on. */
  readonly appsRepository?: AppsRepository;

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
    });
    if (config.response.enabled) {
      const apps = config.response.apps;
      this.appsRepository = new AppsRepository(this, 'apps-repository', {
        name: apps.repository,
        mode: apps.mode,
        visibility: apps.visibility,
        branch: apps.branch,
        seed: appsRepositorySeed(config),
        fluxKeyTitle: `flux-${config.cluster.name}`,
        // The only key with write access: the responder's, on the apps repository only.
        writeKeyTitle: `responder-${config.cluster.name}`,
      });
    }

    const kubeconfig = new TerraformOutput(this, KUBECONFIG_OUTPUT, {
      value: this.aks.cluster.kubeConfigRaw,
      sensitive: true,
      description: 'kubeconfig of the cluster (for `npm run report -- --from-cluster --cdktf-outputs FILE`)',
    });
    kubeconfig.overrideLogicalId(KUBECONFIG_OUTPUT);
    new TerraformOutput(this, 'repository', { value: this.repository.fullName, staticId: true });
    if (this.appsRepository) new TerraformOutput(this, 'apps_repository', { value: this.appsRepository.fullName, staticId: true });
    new TerraformOutput(this, 'get_credentials', {
      value: `az aks get-credentials --resource-group ${config.azure.resourceGroupName} --name ${config.cluster.name}`,
      staticId: true,
    });
  }
}
