import { Construct } from 'constructs';
import { Annotations, TerraformLocal } from 'cdktf';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { exposureWarning, internetExposure } from '../config/exposure';
import type { VariantConfig } from '../config/schema';
import { CLUSTER_NETWORK, SYSTEM_POOL_NAME, SYSTEM_POOL_ROTATION_NAME, variantAksTaint, variantNodeLabels } from '../contract/naming';

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
  /**
   * CIDRs that may reach the API server. Undefined: Terraform refuses to plan the cluster (a precondition) until
   * it is set; `[]`: no restriction, with a synth warning.
   */
  readonly apiServerAuthorizedIpRanges?: readonly string[];
  /**
   * Entra ID authentication with Azure RBAC and local accounts disabled: no admin client certificate exists;
   * the deploying identity gets the cluster-admin Azure role. Default false (client certificate).
   */
  readonly entraIdRbac?: boolean;
}

/** Role that lets the deploying identity manage everything in the cluster through Azure RBAC (built-in). */
export const AKS_RBAC_CLUSTER_ADMIN_ROLE = 'Azure Kubernetes Service RBAC Cluster Admin';


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
  /** With `entraIdRbac`: the deploying identity's cluster-admin role assignment (the Flux stack needs it). */
  readonly adminRoleAssignment?: RoleAssignment;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const { name, location, resourceGroupName, tags } = props;

    this.identity = new UserAssignedIdentity(this, 'control-plane-identity', {
      name: `${name}-control-plane`,
      location,
      resourceGroupName,
      tags,
    });

    // The ranges as a Terraform local, so that the precondition below refers to an object (Terraform requires
    // that of a condition); null when unset.
    const ranges = props.apiServerAuthorizedIpRanges;
    const authorizedRanges = new TerraformLocal(this, 'api_server_authorized_ip_ranges', ranges ? [...ranges] : null);
    authorizedRanges.overrideLogicalId('api_server_authorized_ip_ranges');
    const exposed = internetExposure(ranges);
    if (exposed) Annotations.of(this).addWarning(exposureWarning(exposed));
    const client = props.entraIdRbac ? new DataAzurermClientConfig(this, 'client', {}) : undefined;

    this.cluster = new KubernetesCluster(this, 'cluster', {
      name,
      location,
      resourceGroupName,
      dnsPrefix: name,
      kubernetesVersion: props.kubernetesVersion,
      // No automaticUpgradeChannel (= none) and no node image updates: a benchmark must not be upgraded mid-run.
      nodeOsUpgradeChannel: 'None',
      // Without Entra ID, the Flux stack's helm provider authenticates with the cluster's client certificate;
      // with it, there is no certificate and it signs in with kubelogin (stacks/flux-stack.ts).
      localAccountDisabled: props.entraIdRbac === true,
      azureActiveDirectoryRoleBasedAccessControl: client ? { azureRbacEnabled: true, tenantId: client.tenantId } : undefined,
      apiServerAccessProfile: ranges && ranges.length > 0 ? { authorizedIpRanges: [...ranges] } : undefined,
      lifecycle: {
        precondition: [
          {
            condition: `\${${authorizedRanges.fqn} != null}`,
            errorMessage:
              'cluster.apiServerAuthorizedIpRanges is not set in bench.config.yaml: set it to the addresses that may reach the Kubernetes API server (your address: curl -s https://api.ipify.org, then [x.x.x.x/32]), or to [] to leave the API server open to the internet.',
          },
        ],
      },
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
      // Azure CNI overlay (kubenet, the default when network_profile is omitted, retires on 2028-03-31), powered
      // by Cilium, which enforces NetworkPolicy: the responder's own policies and its `isolate` action.
      networkProfile: {
        networkPlugin: CLUSTER_NETWORK.plugin,
        networkPluginMode: CLUSTER_NETWORK.pluginMode,
        networkDataPlane: CLUSTER_NETWORK.dataPlane,
        networkPolicy: CLUSTER_NETWORK.policy,
        podCidr: CLUSTER_NETWORK.podCidr,
        serviceCidr: CLUSTER_NETWORK.serviceCidr,
        dnsServiceIp: CLUSTER_NETWORK.dnsServiceIp,
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

    if (client) {
      this.adminRoleAssignment = new RoleAssignment(this, 'deployer-cluster-admin', {
        scope: this.cluster.id,
        roleDefinitionName: AKS_RBAC_CLUSTER_ADMIN_ROLE,
        principalId: client.objectId,
      });
    }
  }
}
