import { describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { AUTH, armClient, KIM, MEGAN, RG_WEB, roleId, STORAGE, WEB } from './arm-test-client.ts';
import type { RoleDefinition } from './roles.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);

const DEPLOYER = '6d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b';
/** A tenant's own custom role, as the large profile stores them (`azure.customRoles`), assignable in rg-web only. */
const deployer: RoleDefinition = {
  id: `/providers/Microsoft.Authorization/roleDefinitions/${DEPLOYER}`,
  name: DEPLOYER,
  type: 'Microsoft.Authorization/roleDefinitions',
  properties: {
    roleName: 'Contoso App Deployer',
    description: 'Deploys web apps and restarts them.',
    type: 'CustomRole',
    assignableScopes: [RG_WEB],
    permissions: [{ actions: ['Microsoft.Web/sites/*'], notActions: [], dataActions: [], notDataActions: [] }],
  },
};

function storeCustomRole() {
  const azure = sandbox().store.tenant(CONTOSO)?.azure;
  if (!azure) throw new Error('no Contoso Azure');
  azure.customRoles = [deployer];
}

const roleNames = async (scope: string) => {
  const res = await arm('GET', `${scope}${AUTH}/roleDefinitions?api-version=2022-04-01`, MEGAN);
  return (res.body as { value: { properties: { roleName: string } }[] }).value.map((r) => r.properties.roleName);
};

const assign = (scope: string) =>
  arm('PUT', `${scope}${AUTH}/roleAssignments/${crypto.randomUUID()}?api-version=2022-04-01`, MEGAN, {
    properties: { roleDefinitionId: roleId(DEPLOYER), principalId: KIM, principalType: 'User' },
  });

describe("a tenant's own custom roles", () => {
  it('are listed at a scope under their assignable scope, beside the built-in ones, and not elsewhere', async () => {
    storeCustomRole();
    expect(await roleNames(WEB)).toEqual(expect.arrayContaining(['Contoso App Deployer', 'Reader', 'Storage Helper']));
    expect(await roleNames(STORAGE)).not.toContain('Contoso App Deployer');
  });

  it('may be assigned under their assignable scope and are refused elsewhere', async () => {
    storeCustomRole();
    expect((await assign(WEB)).status).toBe(201);
    const elsewhere = await assign(STORAGE);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ error: { code: 'RoleDefinitionDoesNotExist' } });
  });
});
