import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonJobs, roleWords } from './role-jobs.ts';
import { type AzureRole, breadth, riskyRole, suggestRoles } from './role-ranking.ts';

// Microsoft's built-in roles, as the sandbox serves them (../shared/data).
const roles = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'azure-built-in-roles.json'), 'utf8'),
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

describe('riskyRole', () => {
  it.each(['Owner', 'User Access Administrator', 'Contributor', 'Role Based Access Control Administrator'])(
    'asks to confirm %s',
    (name) => {
      expect(riskyRole(role(name))).not.toBeNull();
    },
  );

  it('lets Reader through without a warning', () => {
    expect(riskyRole(role('Reader'))).toBeNull();
  });
});

describe('breadth', () => {
  it('counts a wildcard as broader than exact actions', () => {
    expect(breadth(role('Owner'))).toBeGreaterThan(breadth(role('Storage Blob Data Reader')));
  });
});
