import { describe, expect, it } from 'vitest';
import { type RoleDefinition, roleAllows, roleByName } from './roles.ts';

function role(name: string): RoleDefinition {
  const found = roleByName(name);
  if (!found) throw new Error(`no built-in role ${name}`);
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
