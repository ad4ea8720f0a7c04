import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir } from '../paths.ts';

interface PermissionFile {
  operations: Record<string, { DelegatedWork?: { permission: string }[] }>;
}

const file = JSON.parse(readFileSync(join(contractsDir, 'graph', 'graph-permissions.json'), 'utf8')) as PermissionFile;

/**
 * Operations the permissions file does not list, from their pages on learn.microsoft.com ("Permissions for the
 * signed-in user's memberships": user-list-transitivememberof; user-list-licensedetails), least privileged first.
 */
const MISSING: Record<string, string[]> = {
  'GET /me/transitiveMemberOf': ['User.Read', 'Directory.Read.All', 'Group.Read.All', 'GroupMember.Read.All', 'User.Read.All'],
  'GET /me/licenseDetails': ['User.Read', 'Directory.Read.All', 'User.Read.All'],
};

/** True when one of the token's delegated scopes is listed for the operation (e.g. `POST /invitations`). */
export function scopeAllows(operation: string, tokenScopes: string[]): boolean {
  const accepted = file.operations[operation]?.DelegatedWork?.map((p) => p.permission) ?? MISSING[operation] ?? [];
  if (accepted.length === 0) throw new Error(`no permissions recorded for ${operation}`);
  const held = tokenScopes.map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//, ''));
  return held.some((s) => accepted.includes(s));
}
