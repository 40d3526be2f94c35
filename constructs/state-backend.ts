import { posix } from 'node:path';
import { AzurermBackend, LocalBackend, TerraformStack } from 'cdktf';
import type { StateConfig } from '../config/schema';

/** Where cdktf runs Terraform for a stack, relative to the project root. */
const STACK_WORKDIR_DEPTH = ['cdktf.out', 'stacks', '<stack>'].length;

/**
 * Gives a stack an explicit backend. Local state lives in the project folder under a *relative* path (cdktf
 * would otherwise bake in the absolute path of whoever synthesized), as seen from the stack's working
 * directory `cdktf.out/stacks/<stack>`; cross-stack remote-state lookups resolve from the same depth.
 */
export function configureBackend(stack: TerraformStack, stackName: string, state: StateConfig): void {
  if (state.backend === 'azurerm') {
    const a = state.azurerm!;
    new AzurermBackend(stack, {
      resourceGroupName: a.resourceGroupName,
      storageAccountName: a.storageAccountName,
      containerName: a.containerName,
      key: `${a.keyPrefix}${stackName}.tfstate`,
      useAzureadAuth: true,
    });
    return;
  }
  const up = Array<string>(STACK_WORKDIR_DEPTH).fill('..');
  new LocalBackend(stack, { path: posix.join(...up, state.localDirectory, `terraform.${stackName}.tfstate`) });
}
