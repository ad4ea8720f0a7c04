import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonJobs, roleWords } from './role-jobs.ts';
import { type AzureRole, breadth, riskyRole, suggestRoles } from './role-ranking.ts';

// Microsoft's built-in roles, as the sandbox serves them (../shared/data).
const roles = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'data', 'azure-built-in-roles.json'), 'utf8'),
) as AzureRole[];
const role = (name: string) => roles.find((r) => r.properties.roleName === name) as AzureRole;

const suggested = (type: string) => suggestRoles(roles, type).map((r) => r.properties.roleName);

describe('suggestRoles', () => {
  it('offers the common jobs on a storage account, least privileged first, and nothing broad', () => {
    expect(suggested('Microsoft.Storage/storageAccounts')).toEqual([
      'Storage File Data SMB Share Reader',
      'Storage Queue Data Reader',
      'Storage Table Data Reader',
      'Storage Blob Data Reader',
      'Storage Blob Data Contributor',
      'Reader',
      'Monitoring Reader',
      'Storage Account Contributor',
    ]);
  });

  it('never suggests Owner, User Access Administrator or Contributor, nor roles of other services', () => {
    for (const type of ['Microsoft.Storage/storageAccounts', 'Microsoft.Resources/resourceGroups', 'Microsoft.Web/sites']) {
      const names = suggested(type);
      for (const broad of ['Owner', 'User Access Administrator', 'Contributor']) expect(names).not.toContain(broad);
    }
    expect(suggested('Microsoft.Storage/storageAccounts')).not.toContain('Key Vault Secrets User');
  });

  it('offers sign-in roles first on a virtual machine', () => {
    expect(suggested('Microsoft.Compute/virtualMachines').slice(0, 2)).toEqual([
      'Virtual Machine User Login',
      'Virtual Machine Administrator Login',
    ]);
  });

  it('falls back to the narrowest roles of the namespace for a type it has no common jobs for', () => {
    const names = suggested('Microsoft.Cdn/profiles');
    expect(names[0]).toBe('Reader');
    expect(names.length).toBeGreaterThanOrEqual(3);
  });
});

describe('roleWords', () => {
  it('says what a common job lets the guest do, and falls back to the first sentence of the description', () => {
    const jobs = commonJobs('Microsoft.Storage/storageAccounts');
    expect(roleWords('Storage Blob Data Reader', 'Allows for read access.', jobs)).toBe('read blob data');
    expect(roleWords('Storage Account Contributor', '', jobs)).toBe('manage this storage account, but not who has access');
    expect(roleWords('Backup Operator', 'Lets you manage backup services. Not removal.', jobs)).toBe(
      'Lets you manage backup services.',
    );
  });
});

/** A custom role with one permission block, as a tenant might define it. */
const custom = (roleName: string, actions: string[], notActions: string[] = []): AzureRole => ({
  name: '00000000-0000-4000-8000-00000000c0de',
  properties: { roleName, description: '', permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }] },
});

describe('riskyRole', () => {
  it.each(['Owner', 'User Access Administrator', 'Contributor', 'Role Based Access Control Administrator'])(
    'asks to confirm %s',
    (name) => {
      expect(riskyRole(role(name))).not.toBeNull();
    },
  );

  it('says Owner can do everything including giving access, and Contributor everything but that', () => {
    expect(riskyRole(role('Owner'))).toBe('Owner can do everything here, including giving other people access.');
    expect(riskyRole(role('Contributor'))).toBe('Contributor can change everything in this scope; a narrower role usually fits.');
  });

  it('lets Reader through without a warning', () => {
    expect(riskyRole(role('Reader'))).toBeNull();
  });

  it.each([
    ['Microsoft.Authorization/roleAssignments/*', 'Microsoft.Authorization/roleAssignments/write'],
    ['Microsoft.Authorization/roleAssignments/delete', 'Microsoft.Authorization/roleAssignments/delete'],
    [
      'Microsoft.Authorization/roleAssignmentScheduleRequests/write',
      'Microsoft.Authorization/roleAssignmentScheduleRequests/write',
    ],
    [
      'Microsoft.Authorization/roleEligibilityScheduleRequests/write',
      'Microsoft.Authorization/roleEligibilityScheduleRequests/write',
    ],
    ['Microsoft.Authorization/roleDefinitions/write', 'Microsoft.Authorization/roleDefinitions/write'],
    ['Microsoft.Authorization/roleManagementPolicies/write', 'Microsoft.Authorization/roleManagementPolicies/write'],
    [
      'microsoft.authorization/rolemanagementpolicyassignments/WRITE',
      'Microsoft.Authorization/roleManagementPolicyAssignments/write',
    ],
    ['Microsoft.Authorization/elevateAccess/action', 'Microsoft.Authorization/elevateAccess/action'],
    ['Microsoft.Authorization/policyAssignments/write', 'Microsoft.Authorization/policyAssignments/write'],
    ['Microsoft.Authorization/denyAssignments/delete', 'Microsoft.Authorization/denyAssignments/delete'],
    ['Microsoft.Authorization/*/*', 'Microsoft.Authorization/roleAssignments/write'],
    ['Microsoft.Authorization/*', 'Microsoft.Authorization/roleAssignments/write'],
  ])('judges a harmless-sounding custom role with %s broad', (action, allowed) => {
    expect(riskyRole(custom('Storage Helper', ['Microsoft.Storage/*/read', action]))).toBe(
      `Storage Helper can change who has access here: it allows ${allowed}.`,
    );
  });

  it('judges a custom role with */write as doing everything, role assignments included', () => {
    expect(riskyRole(custom('Storage Helper', ['*/read', '*/write']))).toBe(
      'Storage Helper can do everything here, including giving other people access.',
    );
  });

  it('lets a custom role that only reads storage through', () => {
    expect(riskyRole(custom('Storage Viewer', ['Microsoft.Storage/*/read']))).toBeNull();
  });

  it('subtracts notActions within their own block only', () => {
    const notAuth = [
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/elevateAccess/Action',
    ];
    // Contributor's notActions take the access writes out of a storage helper: nothing elevating is left.
    expect(riskyRole(custom('Storage Helper', ['Microsoft.Storage/*', 'Microsoft.Authorization/*'], notAuth))).toBeNull();
    // ... but `*/write` alone still writes to every provider: broad, though not about access.
    expect(riskyRole(custom('Writer', ['*/write'], notAuth))).toBe(
      'Writer can change everything in this scope; a narrower role usually fits.',
    );
    // A second block that allows role assignments is not narrowed by the first block's notActions.
    const twoBlocks = custom('Storage Helper', ['Microsoft.Storage/*'], notAuth);
    twoBlocks.properties.permissions.push({
      actions: ['Microsoft.Authorization/roleAssignments/write'],
      notActions: [],
      dataActions: [],
      notDataActions: [],
    });
    expect(riskyRole(twoBlocks)).toBe(
      'Storage Helper can change who has access here: it allows Microsoft.Authorization/roleAssignments/write.',
    );
  });

  it('never suggests a harmless-sounding custom role that can assign roles', () => {
    const helper = custom('CDN Helper', ['Microsoft.Cdn/*/read', 'Microsoft.Authorization/roleAssignments/*']);
    const names = suggestRoles([...roles, helper], 'Microsoft.Cdn/profiles').map((r) => r.properties.roleName);
    expect(names).not.toContain('CDN Helper');
  });
});

describe('breadth', () => {
  it('counts a wildcard as broader than exact actions', () => {
    expect(breadth(role('Owner'))).toBeGreaterThan(breadth(role('Storage Blob Data Reader')));
  });
});
