import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AzureRole, breadth, riskyRole, suggestRoles } from './role-ranking.ts';

// Microsoft's built-in roles, as the sandbox serves them (../shared/data).
const roles = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'azure-built-in-roles.json'), 'utf8'),
) as AzureRole[];
const role = (name: string) => roles.find((r) => r.properties.roleName === name) as AzureRole;

describe('suggestRoles', () => {
  it('never suggests Owner, User Access Administrator or Contributor', () => {
    const names = suggestRoles(roles, 'Microsoft.Storage/storageAccounts', 500).map((r) => r.properties.roleName);
    expect(names).not.toContain('Owner');
    expect(names).not.toContain('User Access Administrator');
    expect(names).not.toContain('Contributor');
  });

  it('puts narrow storage roles before broad ones', () => {
    const names = suggestRoles(roles, 'Microsoft.Storage/storageAccounts', 500).map((r) => r.properties.roleName);
    expect(names.indexOf('Storage Blob Data Reader')).toBeLessThan(names.indexOf('Storage Account Contributor'));
  });

  it('keeps roles of other services out of a storage account', () => {
    const names = suggestRoles(roles, 'Microsoft.Storage/storageAccounts', 500).map((r) => r.properties.roleName);
    expect(names).not.toContain('Key Vault Secrets User');
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
