import { Construct } from 'constructs';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { VariantConfig } from '../config/schema';
import { SYSTEM_POOL_NAME, SYSTEM_POOL_ROTATION_NAME, variantAksTaint, variantNodeLabels } from '../contract/naming';

export interface AksClusterProps {
  /** Cluster name; also its DNS prefix. */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  /** Pinned Kubernetes version, for the control plane and every node pool. */
  readonly kubernetesVersion: string;
  /** Pinned node OS image for every node pool. */
  readonly osSku: string;
  /** System pool (Flux, k8s-metacollector, cluster add-ons). */
  readonly systemVmSize: string;
  readonly systemNodeCount: number;
  /** VM size of each benchmark node pool. */
  readonly benchmarkVmSize: string;
  /** One dedicated single-node pool per variant. */
  readonly variants: readonly VariantConfig[];
  readonly tags: Record<string, string>;
}

/**
 * An AKS cluster laid out for benchmarking: a system pool, and one single-node user pool per variant, labelled
 * and tainted with the variant's name (contract/naming.ts) so that only that variant's Falco and benchmark run
 * there. Nothing upgrades under a running benchmark: the Kubernetes version and OS image are pinned, there is
 * no automatic cluster upgrade channel and node image upgrades are off.
 */
export class AksCluster extends Construct {
  readonly cluster: KubernetesCluster;
  readonly identity: UserAssignedIdentity;
  readonly benchmarkPools: KubernetesClusterNodePool[];

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const { name, location, resourceGroupName, tags } = props;

    this.identity = new UserAssignedIdentity(this, 'control-plane-identity', {
      name: `${name}-control-plane`,
      location,
      resourceGroupName,
      tags,
    });

    this.cluster = new KubernetesCluster(this, 'cluster', {
      name,
      location,
      resourceGroupName,
      dnsPrefix: name,
      kubernetesVersion: props.kubernetesVersion,
      // No automaticUpgradeChannel (= none) and no node image updates: a benchmark must not be upgraded mid-run.
      nodeOsUpgradeChannel: 'None',
      // The helm provider of the Flux stack authenticates with the cluster's client certificate.
      localAccountDisabled: false,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      defaultNodePool: {
        name: SYSTEM_POOL_NAME,
        vmSize: props.systemVmSize,
        nodeCount: props.systemNodeCount,
        osSku: props.osSku,
        orchestratorVersion: props.kubernetesVersion,
        // Lets a VM size change rotate the system pool instead of recreating the cluster.
        temporaryNameForRotation: SYSTEM_POOL_ROTATION_NAME,
        upgradeSettings: { maxSurge: '10%' },
        tags,
      },
      // Azure CNI overlay: kubenet (the default when network_profile is omitted) retires on 2028-03-31.
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        loadBalancerSku: 'standard',
      },
      tags,
    });

    this.benchmarkPools = props.variants.map(
      (variant) =>
        new KubernetesClusterNodePool(this, `pool-${variant.name}`, {
          name: variant.name,
          kubernetesClusterId: this.cluster.id,
          mode: 'User',
          vmSize: props.benchmarkVmSize,
          nodeCount: 1,
          osSku: props.osSku,
          orchestratorVersion: props.kubernetesVersion,
          nodeLabels: variantNodeLabels(variant),
          nodeTaints: [variantAksTaint(variant)],
          upgradeSettings: { maxSurge: '10%' },
          tags: { ...tags, 'falco-bench-variant': variant.name },
        }),
    );
  }
}
