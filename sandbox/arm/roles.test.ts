import { describe, expect, it } from 'vitest';
import { assignableAt, type RoleDefinition, roleAllows, roleByName } from './roles.ts';

function role(name: string): RoleDefinition {
  const found = roleByName(name);
  if (!found) throw new Error(`no role ${name}`);
  return found;
}

const WRITE = 'Microsoft.Authorization/roleAssignments/write';

describe('built-in role permissions', () => {
  it('lets Owner and User Access Administrator assign roles', () => {
    expect(roleAllows(role('Owner'), WRITE)).toBe(true);
    expect(roleAllows(role('User Access Administrator'), WRITE)).toBe(true);
  });

  it('keeps Contributor from assigning roles through its notActions', () => {
    expect(roleAllows(role('Contributor'), WRITE)).toBe(false);
    expect(roleAllows(role('Contributor'), 'Microsoft.Storage/storageAccounts/write')).toBe(true);
  });

  it('lets Reader read but not write', () => {
    expect(roleAllows(role('Reader'), 'Microsoft.Storage/storageAccounts/read')).toBe(true);
    expect(roleAllows(role('Reader'), 'Microsoft.Storage/storageAccounts/write')).toBe(false);
  });
});

describe('custom roles', () => {
  it('has a harmless-sounding Storage Helper that may assign roles, only in its own subscription', () => {
    const helper = role('Storage Helper');
    expect(helper.properties.type).toBe('CustomRole');
    expect(roleAllows(helper, WRITE)).toBe(true);
    expect(assignableAt(helper, '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data')).toBe(true);
    expect(assignableAt(helper, '/subscriptions/99999999-2222-4333-8444-555555555555')).toBe(false);
  });
});
