import type { Caller } from './caller.ts';

/**
 * What a `$filter` on an RBAC or PIM listing asks for. The swagger's `$filter` descriptions (Role Assignments - List
 * For Scope; Role Eligibility / Assignment Schedule Instances - List For Scope) and learn.microsoft.com
 * "privileged-role-eligibility-rest-sample" name them: `atScope()` at or above the scope; `principalId eq '{id}'`
 * that principal's at, above or below; `assignedTo('{id}')` a user's, those from their groups included; `asTarget()`
 * the caller's own, as assignedTo the caller.
 */
export interface ListFilter {
  atScope: boolean;
  asTarget: boolean;
  principalId?: string;
  assignedTo?: string;
}

export function readFilter(filter: string): ListFilter {
  // The swagger writes `principalId eq {id}`, the Learn samples quote the id: both are read.
  const principalId = /\bprincipalId\s+eq\s+'?([0-9a-f-]+)'?/i.exec(filter)?.[1]?.toLowerCase();
  const assignedTo = /\bassignedTo\(\s*'([0-9a-f-]+)'\s*\)/i.exec(filter)?.[1]?.toLowerCase();
  return {
    atScope: /\batScope\(\)/i.test(filter),
    asTarget: /\basTarget\(\)/i.test(filter),
    ...(principalId ? { principalId } : {}),
    ...(assignedTo ? { assignedTo } : {}),
  };
}

/** Whose assignments a filter shows: one principal, a user with their groups, or (no such filter) everyone. */
export function principalMatcher(c: Caller, f: ListFilter): (principalId: string) => boolean {
  const user = f.asTarget ? c.token.userId.toLowerCase() : f.assignedTo;
  if (user) {
    // Direct membership only: the sandbox's groups do not nest.
    const groups = c.tenant.groups.filter((g) => g.members.some((m) => m.toLowerCase() === user)).map((g) => g.id);
    const ids = new Set([user, ...groups.map((g) => g.toLowerCase())]);
    return (id) => ids.has(id.toLowerCase()) && (!f.principalId || id.toLowerCase() === f.principalId);
  }
  return (id) => !f.principalId || id.toLowerCase() === f.principalId;
}
