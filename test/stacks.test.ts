import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AKS_RBAC_CLUSTER_ADMIN_ROLE } from '../constructs/aks-cluster';
import { VARIANT_KEY } from '../contract/naming';
import { AKS_ENTRA_SERVER_ID } from '../stacks/flux-stack';
import { onlyResource, resources, synthStacks, type TerraformJson } from './helpers/synth';

const hasTerraform = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;

/**
 * Runs the real `terraform plan` on the cluster's precondition and the locals it reads, moved onto a
 * `terraform_data` resource (built into Terraform: no provider download), in a temporary folder.
 */
function planPrecondition(infra: TerraformJson): { status: number | null; output: string } {
  const aks = onlyResource(infra, 'azurerm_kubernetes_cluster');
  const dir = mkdtempSync(join(tmpdir(), 'tf-precondition-'));
  try {
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ locals: infra.locals, resource: { terraform_data: { gate: { input: 1, lifecycle: aks.lifecycle } } } }));
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: join(dir, 'none.tfrc') };
    writeFileSync(join(dir, 'none.tfrc'), '');
    const init = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(init.stdout + init.stderr);
    const plan = spawnSync('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], { cwd: dir, env, encoding: 'utf8' });
    return { status: plan.status, output: (plan.stdout + plan.stderr).replace(/\s+/g, ' ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Terraform `yamlencode({...})` argument, turned back into data where it holds only literals. */
function yamlencodeArgument(expr: string): string {
  const m = /^\$\{yamlencode\((.*)\)\}$/s.exec(expr);
  if (!m) throw new Error(`not a yamlencode expression: ${expr}`);
  return m[1];
}

describe('infrastructure stack', () => {
  const { config, infrastructure: infra } = synthStacks();

  it('configures azurerm with features {} and no credentials; subscription only when configured', () => {
    expect(infra.provider.azurerm).toEqual([{ features: [{}] }]);
    const withSub = synthStacks({ azure: { subscriptionId: '11111111-2222-3333-4444-555555555555' } }).infrastructure;
    expect(withSub.provider.azurerm).toEqual([{ features: [{}], subscription_id: '11111111-2222-3333-4444-555555555555' }]);
    expect(infra.provider.github).toEqual([{}]);
    expect(synthStacks({ github: { owner: 'octo-org' } }).infrastructure.provider.github).toEqual([{ owner: 'octo-org' }]);
  });

  it('pins provider versions', () => {
    expect(infra.terraform.required_providers).toEqual({
      azurerm: { source: 'azurerm', version: '4.55.0' },
      github: { source: 'integrations/github', version: '6.9.0' },
      tls: { source: 'hashicorp/tls', version: '4.1.0' },
    });
  });

  it('creates an AKS cluster with Azure CNI overlay powered by Cilium, a user-assigned identity and nothing that upgrades it', () => {
    const aks = onlyResource(infra, 'azurerm_kubernetes_cluster');
    expect(aks).toMatchObject({
      name: 'aks-falco',
      dns_prefix: 'aks-falco',
      kubernetes_version: config.cluster.kubernetesVersion,
      node_os_upgrade_channel: 'None',
      // Cilium enforces NetworkPolicy (the responder's own and its `isolate` action); without it they are ignored.
      network_profile: { network_plugin: 'azure', network_plugin_mode: 'overlay', network_data_plane: 'cilium', network_policy: 'cilium' },
      identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.aks_control-plane-identity_0AA4F2BA.id}'] },
      default_node_pool: { name: 'system', vm_size: 'Standard_D4as_v5', node_count: 1, os_sku: config.cluster.osSku },
    });
    expect(aks).not.toHaveProperty('automatic_upgrade_channel');
    expect(aks.location).toBe('${azurerm_resource_group.resource-group.location}');
    expect(onlyResource(infra, 'azurerm_resource_group')).toMatchObject({ name: 'playground-aks-falco', location: 'westeurope' });
  });

  it('restricts the API server to the configured ranges; unset stops the plan; [] opts out', () => {
    const aks = onlyResource(infra, 'azurerm_kubernetes_cluster');
    expect(aks).not.toHaveProperty('api_server_access_profile');
    expect(infra.locals).toEqual({ api_server_authorized_ip_ranges: null });
    expect(aks.lifecycle.precondition).toEqual([
      { condition: '${local.api_server_authorized_ip_ranges != null}', error_message: expect.stringContaining('cluster.apiServerAuthorizedIpRanges is not set') },
    ]);
    const set = synthStacks({ cluster: { apiServerAuthorizedIpRanges: ['203.0.113.7/32', '198.51.100.0/24'] } }).infrastructure;
    expect(onlyResource(set, 'azurerm_kubernetes_cluster').api_server_access_profile).toEqual({ authorized_ip_ranges: ['203.0.113.7/32', '198.51.100.0/24'] });
    expect(set.locals).toEqual({ api_server_authorized_ip_ranges: ['203.0.113.7/32', '198.51.100.0/24'] });
    const open = synthStacks({ cluster: { apiServerAuthorizedIpRanges: [] } }).infrastructure;
    expect(onlyResource(open, 'azurerm_kubernetes_cluster')).not.toHaveProperty('api_server_access_profile');
    expect(open.locals).toEqual({ api_server_authorized_ip_ranges: [] });
  });

  (hasTerraform ? it : it.skip)('terraform plan stops on the unset ranges with the fix in the message, and passes once set or opted out', () => {
    const unset = planPrecondition(infra);
    expect(unset.status).not.toBe(0);
    expect(unset.output).toContain('Resource precondition failed');
    expect(unset.output).toContain('cluster.apiServerAuthorizedIpRanges is not set in bench.config.yaml');
    for (const ranges of [['203.0.113.7/32'], []]) {
      const ok = planPrecondition(synthStacks({ cluster: { apiServerAuthorizedIpRanges: ranges } }).infrastructure);
      expect([ranges, ok.status, ok.output]).toEqual([ranges, 0, expect.stringContaining('1 to add')]);
    }
  });

  it('keeps local accounts by default; with entraIdRbac: Entra ID + Azure RBAC, no local accounts, the deployer made cluster admin', () => {
    const aks = onlyResource(infra, 'azurerm_kubernetes_cluster');
    expect(aks.local_account_disabled).toBe(false);
    expect(aks).not.toHaveProperty('azure_active_directory_role_based_access_control');
    expect(resources(infra, 'azurerm_role_assignment')).toEqual([]);

    const entra = synthStacks({ cluster: { entraIdRbac: true } }).infrastructure;
    const client = `data.azurerm_client_config.${Object.keys(entra.data.azurerm_client_config)[0]}`;
    const cluster = onlyResource(entra, 'azurerm_kubernetes_cluster');
    expect(cluster.local_account_disabled).toBe(true);
    expect(cluster.azure_active_directory_role_based_access_control).toEqual({ azure_rbac_enabled: true, tenant_id: `\${${client}.tenant_id}` });
    expect(onlyResource(entra, 'azurerm_role_assignment')).toMatchObject({
      scope: '${azurerm_kubernetes_cluster.aks_cluster_D4B35EC5.id}',
      role_definition_name: AKS_RBAC_CLUSTER_ADMIN_ROLE,
      principal_id: `\${${client}.object_id}`,
    });
    // The kubeconfig output stays sensitive; without local accounts it holds no admin certificate.
    expect(entra.output.kube_config).toMatchObject({ sensitive: true });
  });

  it('creates one single-node pool per variant, labelled and tainted with its name', () => {
    const pools = resources(infra, 'azurerm_kubernetes_cluster_node_pool');
    expect(pools.map((p) => p.name).sort()).toEqual(config.benchmark.variants.map((v) => v.name).sort());
    for (const pool of pools) {
      expect(pool).toMatchObject({
        mode: 'User',
        node_count: 1,
        vm_size: 'Standard_D4as_v5',
        os_sku: config.cluster.osSku,
        orchestrator_version: config.cluster.kubernetesVersion,
        node_labels: { [VARIANT_KEY]: pool.name },
        node_taints: [`${VARIANT_KEY}=${pool.name}:NoSchedule`],
        kubernetes_cluster_id: '${azurerm_kubernetes_cluster.aks_cluster_D4B35EC5.id}',
      });
    }
    const two = synthStacks({ benchmark: { variants: [{ name: 'solo', driver: 'kmod', bufferedOutputs: false, cpu: { request: '1', limit: '1' }, memory: { request: '1Gi', limit: '1Gi' } }] } });
    expect(resources(two.infrastructure, 'azurerm_kubernetes_cluster_node_pool').map((p) => p.name)).toEqual(['solo']);
  });

  it('tags every Azure resource, with the configured tags merged in', () => {
    const tagged = synthStacks({ azure: { tags: { owner: 'secops' } } }).infrastructure;
    const azure = Object.entries<Record<string, any>>(tagged.resource).filter(([type]) => type.startsWith('azurerm_'));
    expect(azure.length).toBeGreaterThanOrEqual(4);
    for (const [type, byId] of azure) {
      for (const r of Object.values<any>(byId)) {
        expect([type, r.tags]).toEqual([type, expect.objectContaining({ project: 'falco-aks-gitops-bench', 'managed-by': 'cdktf', owner: 'secops' })]);
      }
    }
  });

  it('adopts the existing repository and registers a read-only ED25519 deploy key from the tls key', () => {
    expect(onlyResource(infra, 'github_repository', 'data')).toEqual(expect.objectContaining({ name: 'falco-aks-gitops-bench' }));
    // The one created repository is the apps repository (response.apps.mode defaults to `create`).
    expect(resources(infra, 'github_repository').map((r) => r.name)).toEqual(['falco-aks-apps']);
    const tlsId = Object.keys(infra.resource.tls_private_key).find((id) => id.includes('_deploy-key_'))!;
    expect(infra.resource.tls_private_key[tlsId].algorithm).toBe('ED25519');
    expect(resources(infra, 'github_repository_deploy_key').find((k) => k.title === 'flux-aks-falco' && k.repository.includes('gitops-repository'))).toMatchObject({
      read_only: true,
      key: `\${tls_private_key.${tlsId}.public_key_openssh}`,
      repository: '${data.github_repository.gitops-repository_85936C6A.name}',
      title: 'flux-aks-falco',
    });
  });

  it('creates the repository in create mode, archived rather than deleted on destroy', () => {
    const created = synthStacks({ github: { mode: 'create', visibility: 'public' }, response: { apps: { mode: 'existing' } } }).infrastructure;
    expect(onlyResource(created, 'github_repository')).toMatchObject({ name: 'falco-aks-gitops-bench', visibility: 'public', archive_on_destroy: true, auto_init: false });
    expect(Object.values<any>(created.data.github_repository).map((r) => r.name)).toEqual(['falco-aks-apps']);
  });

  it('uses a relative local backend by default and Azure Storage when configured', () => {
    expect(infra.terraform.backend).toEqual({ local: { path: '../../../terraform.infrastructure.tfstate' } });
    expect(synthStacks({ state: { localDirectory: 'state' } }).infrastructure.terraform.backend.local.path).toBe('../../../state/terraform.infrastructure.tfstate');
    const remote = synthStacks({ state: { backend: 'azurerm', azurerm: { resourceGroupName: 'rg-tfstate', storageAccountName: 'benchstate' } } });
    expect(remote.infrastructure.terraform.backend).toEqual({
      azurerm: { resource_group_name: 'rg-tfstate', storage_account_name: 'benchstate', container_name: 'tfstate', key: 'falco-bench/infrastructure.tfstate', use_azuread_auth: true },
    });
    expect(remote.flux.terraform.backend.azurerm.key).toBe('falco-bench/flux.tfstate');
    expect(remote.flux.data.terraform_remote_state['cross-stack-reference-input-infrastructure']).toMatchObject({
      backend: 'azurerm',
      config: expect.objectContaining({ key: 'falco-bench/infrastructure.tfstate', storage_account_name: 'benchstate' }),
    });
  });

  it('exposes the kubeconfig only as a sensitive output', () => {
    expect(infra.output.kube_config).toMatchObject({ sensitive: true, value: '${azurerm_kubernetes_cluster.aks_cluster_D4B35EC5.kube_config_raw}' });
    const keyOutputs = Object.entries<any>(infra.output).filter(([name]) => /private_key|client_key|client_certificate/.test(name));
    expect(keyOutputs.length).toBeGreaterThan(0);
    for (const [, o] of keyOutputs) expect(o.sensitive).toBe(true);
  });
});

describe('flux stack', () => {
  const { config, flux } = synthStacks();
  const releases = flux.resource.helm_release as Record<string, any>;
  const byName = (name: string) => Object.values(releases).find((r) => r.name === name);

  it('configures the helm provider from the cluster, through cross-stack remote state', () => {
    const remote = 'data.terraform_remote_state.cross-stack-reference-input-infrastructure.outputs';
    const k = flux.provider.helm[0].kubernetes;
    expect(k.host).toMatch(new RegExp(`^\\$\\{${remote.replace(/\./g, '\\.')}\\.cross-stack-output-azurerm_kubernetes_cluster.*kube_config0host\\}$`));
    for (const field of ['client_certificate', 'client_key', 'cluster_ca_certificate']) {
      expect(k[field]).toMatch(new RegExp(`^\\$\\{base64decode\\(.*kube_config0${field}\\)\\}$`));
    }
    expect(flux.data.terraform_remote_state['cross-stack-reference-input-infrastructure']).toMatchObject({
      backend: 'local',
      config: { path: '../../../terraform.infrastructure.tfstate' },
    });
    expect(flux.terraform.required_providers.helm.version).toBe('3.1.1');
  });

  it('with entraIdRbac, signs in with kubelogin (Entra ID token of az login) instead of the client certificate', () => {
    const { flux: entraFlux } = synthStacks({ cluster: { entraIdRbac: true } });
    const k = entraFlux.provider.helm[0].kubernetes;
    expect(Object.keys(k).sort()).toEqual(['cluster_ca_certificate', 'exec', 'host']);
    expect(k.exec).toEqual({
      api_version: 'client.authentication.k8s.io/v1beta1',
      command: 'kubelogin',
      args: ['get-token', '--login', 'azurecli', '--server-id', AKS_ENTRA_SERVER_ID],
    });
    expect(k.host).toMatch(/kube_config0host\}$/);
    expect(JSON.stringify(entraFlux)).not.toMatch(/client_certificate|client_key/);
  });

  it('installs flux2 2.18.3 and then flux2-sync 1.14.5 into flux-system', () => {
    expect(Object.keys(releases)).toHaveLength(2);
    const flux2Id = Object.keys(releases).find((id) => releases[id].name === 'flux2');
    const off = Object.values<any>(synthStacks({ response: { enabled: false } }).flux.resource.helm_release).find((r) => r.name === 'flux-system');
    expect(off.depends_on).toEqual([`helm_release.${flux2Id}`]);
    const flux2 = byName('flux2');
    const sync = byName('flux-system');
    expect(flux2).toMatchObject({ chart: 'flux2', version: '2.18.3', namespace: 'flux-system', create_namespace: true, wait: true, repository: 'https://fluxcd-community.github.io/helm-charts' });
    expect(sync).toMatchObject({ chart: 'flux2-sync', version: '1.14.5', namespace: 'flux-system', wait: true });
    // Destroy order: the sync release (and with it Flux's garbage collection) goes before the controllers.
    expect(sync.depends_on[0]).toBe(`helm_release.${Object.keys(releases).find((id) => releases[id] === flux2)}`);
  });

  it('points the sync at ssh://git@github.com/<owner>/<repo>, the branch and the cluster folder', () => {
    const values = yamlencodeArgument(byName('flux-system').values[0]);
    expect(values).toContain('"url" = "ssh://git@github.com/${data.terraform_remote_state.cross-stack-reference-input-infrastructure.outputs.cross-stack-output-datagithub_repositorygitops-repository_85936C6Afull_name}"');
    expect(values).toContain('"ref" = {"branch" = "main"}');
    expect(values).toContain(`"path" = "./fluxcd/clusters/${config.cluster.name}"`);
    expect(values).toContain('"prune" = true');
    expect(values).toContain('"deletionPolicy" = "WaitForTermination"');
    const other = synthStacks({ github: { branch: 'bench' }, cluster: { name: 'aks-two' } }).flux;
    const otherValues = yamlencodeArgument(Object.values<any>(other.resource.helm_release).find((r) => r.name === 'flux-system').values[0]);
    expect(otherValues).toContain('"ref" = {"branch" = "bench"}');
    expect(otherValues).toContain('"path" = "./fluxcd/clusters/aks-two"');
  });

  it('creates the SSH secret from the deploy key and GitHub host keys, the private key only as a sensitive value', () => {
    const sync = byName('flux-system');
    expect(sync.values).toHaveLength(1);
    const values = yamlencodeArgument(sync.values[0]);
    expect(values).toMatch(/"secret" = \{"create" = true, "data" = \{"identity\.pub" = data\.terraform_remote_state\.[^,]*tls_private_key[^,]*public_key_openssh, /);
    expect(values).toMatch(/"known_hosts" = join\("\\n", formatlist\("github\.com %s", data\.terraform_remote_state\.[^)]*github_ssh_keys[^)]*keys\)\)/);
    expect(values).not.toMatch(/private_key_openssh/);
    expect(sync.set_sensitive).toEqual([
      {
        name: 'secret.data.identity',
        type: 'string',
        value: expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-infrastructure\.outputs\.cross-stack-output-tls_private_key[^}]*private_key_openssh\}$/),
      },
    ]);
  });

  it('lets Flux finish uninstalling what it applied before Helm gives up on destroy', () => {
    const values = yamlencodeArgument(byName('flux-system').values[0]);
    expect(values).toContain('"deletionPolicy" = "WaitForTermination"');
    expect(values).toContain('"timeout" = "20m"');
    // Helm's wait (seconds) outlasts Flux's garbage collection (20m), which outlasts the slowest layer (15m).
    for (const release of Object.values(releases)) expect(release.timeout).toBe(1800);
  });

  it('leaves the image automation controllers out; multi-tenancy lockdown on; the root Kustomization runs as kustomize-controller', () => {
    expect(parse(yamlencodeArgument(byName('flux2').values[0]).replace(/ = /g, ': '))).toEqual({
      multitenancy: { enabled: true, defaultServiceAccount: 'default', privileged: true },
      imageAutomationController: { create: false },
      imageReflectionController: { create: false },
    });
    expect(yamlencodeArgument(byName('flux-system').values[0])).toContain('"serviceAccountName" = "kustomize-controller"');
    // Lockdown stays on with the response engine off.
    const off = synthStacks({ response: { enabled: false } }).flux;
    const flux2 = Object.values<any>(off.resource.helm_release).find((r) => r.name === 'flux2');
    expect(yamlencodeArgument(flux2.values[0])).toContain('"multitenancy" = {"enabled" = true, "defaultServiceAccount" = "default", "privileged" = true}');
  });
});

describe('response credentials', () => {
  const { infrastructure: infra, flux, outdir } = synthStacks();
  const secrets = Object.entries<any>(flux.resource.kubernetes_secret_v1);
  const secretNamed = (name: string, namespace: string) =>
    secrets.map(([, s]) => s).find((s) => s.metadata.name === name && (s.metadata.namespace === namespace || s.metadata.namespace.includes('kubernetes_namespace_v1')) && (namespace !== 'flux-system' || s.metadata.namespace === 'flux-system'));

  it('the platform repository has exactly one deploy key (Flux, read-only); the only write key is the responder\'s, on the apps repository', () => {
    const keys = Object.entries<any>(infra.resource.tls_private_key);
    expect(keys.map(([, k]) => k.algorithm)).toEqual(['ED25519', 'ED25519', 'ED25519']);
    const deployKeys = resources(infra, 'github_repository_deploy_key');
    const platform = deployKeys.filter((k) => k.repository.includes('gitops-repository'));
    const apps = deployKeys.filter((k) => k.repository.includes('apps-repository'));
    expect(platform.length + apps.length).toBe(deployKeys.length);
    expect(platform.map((k) => [k.title, k.read_only])).toEqual([['flux-aks-falco', true]]);
    expect(apps.map((k) => [k.title, k.read_only ?? true]).sort()).toEqual([
      ['flux-aks-falco', true],
      ['responder-aks-falco', false],
    ]);
    expect(deployKeys.filter((k) => k.read_only === false)).toHaveLength(1);
    // Each key its own pair: revoking one leaves the others.
    expect(new Set(deployKeys.map((k) => k.key)).size).toBe(3);
    expect(new Set(keys.map(([id]) => `\${tls_private_key.${id}.public_key_openssh}`))).toEqual(new Set(deployKeys.map((k) => k.key)));
  });

  it('a created apps repository is seeded once (demo, README), never overwriting a file, every later change ignored; an adopted one is never written', () => {
    const files = resources(infra, 'github_repository_file');
    expect(files.map((f) => f.file).sort()).toEqual(['README.md', 'apps/demo.yaml', 'apps/kustomization.yaml', 'responses/README.md']);
    for (const f of files) {
      expect(f).toMatchObject({ branch: 'main', lifecycle: { ignore_changes: 'all' } });
      expect(f.repository).toMatch(/^\$\{github_repository\.apps-repository/);
      // Only GitHub's placeholder README of the initial commit may be replaced, at creation.
      expect([f.file, f.overwrite_on_create]).toEqual([f.file, f.file === 'README.md']);
    }
    expect(onlyResource(infra, 'github_repository')).toMatchObject({ name: 'falco-aks-apps', visibility: 'private', auto_init: true, archive_on_destroy: true });
    const adopted = synthStacks({ response: { apps: { mode: 'existing', repository: 'my-apps', branch: 'prod' } } });
    expect(resources(adopted.infrastructure, 'github_repository_file')).toEqual([]);
    expect(resources(adopted.infrastructure, 'github_repository')).toEqual([]);
    expect(Object.values<any>(adopted.infrastructure.data.github_repository).map((r) => r.name).sort()).toEqual(['falco-aks-gitops-bench', 'my-apps']);
  });

  it('the random provider makes the two tokens; the kubernetes provider is configured from the cluster', () => {
    const passwords = resources(flux, 'random_password');
    expect(passwords).toHaveLength(2);
    for (const p of passwords) expect(p).toMatchObject({ length: 48, special: false });
    expect(flux.terraform.required_providers).toMatchObject({ random: { version: '3.7.2' }, kubernetes: { version: '2.38.0' } });
    const k = flux.provider.kubernetes[0];
    expect(k.host).toMatch(/kube_config0host\}$/);
    expect(k.client_key).toMatch(/^\$\{base64decode\(.*kube_config0client_key\)\}$/);
  });

  it('creates the response namespace (Pod Security restricted) and the Secrets the tree refers to, before the sync', () => {
    expect(onlyResource(flux, 'kubernetes_namespace_v1').metadata).toEqual({
      name: 'falco-response',
      labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' },
    });
    expect(secrets).toHaveLength(6);
    const git = secretNamed('responder-git', 'falco-response');
    expect(Object.keys(git.data).sort()).toEqual(['identity', 'known_hosts', 'remote']);
    expect(git.data.identity).toMatch(/tls_private_key.*apps-repository_write-key.*private_key_openssh\}$/);
    // The responder pushes to the apps repository, never to the platform one.
    expect(git.data.remote).toMatch(/^ssh:\/\/git@github\.com\/\$\{.*github_repositoryapps-repository.*full_name\}$/);
    // Flux reads the apps repository with its own read-only key; the ConfigMap names it for the tenants layer.
    const appsGit = secretNamed('apps-repository', 'flux-system');
    expect(Object.keys(appsGit.data).sort()).toEqual(['identity', 'identity.pub', 'known_hosts']);
    expect(appsGit.data.identity).toMatch(/tls_private_key.*apps-repository_flux-key.*private_key_openssh\}$/);
    const cm = onlyResource(flux, 'kubernetes_config_map_v1');
    expect(cm.metadata).toEqual({ name: 'apps-repository', namespace: 'flux-system' });
    expect(cm.data.APPS_REPOSITORY).toMatch(/github_repositoryapps-repository.*full_name\}$/);
    const webhook = secretNamed('responder-webhook-token', 'falco-response').data.token;
    expect(secretNamed('falcosidekick-webhook', 'falco-response').data).toEqual({ WEBHOOK_CUSTOMHEADERS: `Authorization:Bearer ${webhook}` });
    const receiverInFlux = secretNamed('flux-receiver-token', 'flux-system');
    expect(receiverInFlux.metadata.namespace).toBe('flux-system');
    expect(receiverInFlux.depends_on).toEqual([expect.stringMatching(/^helm_release\.flux_flux2_/)]);
    expect(webhook).toMatch(/^\$\{random_password\.[^}]*webhook-token[^}]*\.result\}$/);
    expect(receiverInFlux.data.token).toMatch(/^\$\{random_password\.[^}]*receiver-token[^}]*\.result\}$/);
    const sync = Object.values<any>(flux.resource.helm_release).find((r) => r.name === 'flux-system');
    for (const [id] of secrets) expect(sync.depends_on).toContain(`kubernetes_secret_v1.${id}`);
    expect(sync.depends_on.some((d: string) => d.startsWith('kubernetes_config_map_v1.'))).toBe(true);
  });

  it('no secret value appears in clear anywhere in cdktf.out: keys and tokens are references resolved at apply', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else files.push(join(dir, e.name));
      }
    };
    walk(outdir);
    expect(files.filter((f) => f.endsWith('.tf.json')).length).toBe(2);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect({ f, privateKey: /PRIVATE KEY|BEGIN OPENSSH/.test(text), bearer: /Bearer [A-Za-z0-9]{16,}/.test(text) }).toEqual({ f, privateKey: false, bearer: false });
    }
    // Every Secret value, and every sensitive Helm value, is a Terraform expression, not a literal.
    for (const [, s] of secrets) {
      for (const [key, value] of Object.entries<string>(s.data)) {
        if (key === 'remote') continue; // the repository URL: public knowledge, not a secret
        expect({ key, value: /\$\{[^}]+\}/.test(value) }).toEqual({ key, value: true });
      }
    }
    for (const r of Object.values<any>(flux.resource.helm_release)) for (const v of r.set_sensitive ?? []) expect(v.value).toMatch(/^\$\{.*\}$/);
    // What carries a private key from one stack to the other is a sensitive output.
    const keyOutputs = Object.entries<any>(infra.output).filter(([name]) => /private_key_openssh/.test(name));
    expect(keyOutputs.length).toBe(3);
    for (const [, o] of keyOutputs) expect(o.sensitive).toBe(true);
  });

  it('with response.enabled false: no apps repository, no write key, no token, no Secret, no kubernetes or random provider', () => {
    const off = synthStacks({ response: { enabled: false } });
    expect(resources(off.infrastructure, 'github_repository_deploy_key').map((k) => k.read_only)).toEqual([true]);
    expect(resources(off.infrastructure, 'github_repository')).toEqual([]);
    expect(resources(off.infrastructure, 'github_repository_file')).toEqual([]);
    expect(Object.keys(off.infrastructure.data.github_repository)).toHaveLength(1);
    expect(Object.keys(off.infrastructure.resource.tls_private_key)).toHaveLength(1);
    for (const type of ['random_password', 'kubernetes_secret_v1', 'kubernetes_namespace_v1', 'kubernetes_config_map_v1']) expect(resources(off.flux, type)).toEqual([]);
    expect(off.flux.provider.kubernetes).toBeUndefined();
    expect(off.flux.terraform.required_providers.random).toBeUndefined();
  });
});
