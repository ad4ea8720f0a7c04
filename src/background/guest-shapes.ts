import { LIMITS } from '../shared/inputs.ts';
import { changeProblem } from './guests/change-problem.ts';
import { type Obj, obj, text } from './shape-parts.ts';

/** Shape checks for the guest card's messages (issue 11): field types here, the ids' grammar by the stored check. */

const str = (v: Obj, keys: string[], max: number = LIMITS.displayName) => keys.every((k) => text(v[k], max));

function fields(c: Obj): boolean {
  switch (c.kind) {
    case 'convert':
    case 'deleteUser':
      return (
        obj(c.user) &&
        text(c.user.userPrincipalName, LIMITS.email) &&
        text(c.user.userType, 40) &&
        typeof c.user.external === 'boolean' &&
        (c.memberAcknowledged === undefined || c.memberAcknowledged === true)
      );
    case 'addSponsor':
      return obj(c.sponsor) && str(c.sponsor, ['id', 'displayName']);
    case 'leaveGroup':
      return obj(c.group) && str(c.group, ['id', 'displayName']);
    case 'removeLicence':
      return obj(c.licence) && str(c.licence, ['skuId', 'skuPartNumber']);
    case 'removeWorkspaceRole':
      return obj(c.role) && str(c.role, ['workspaceId', 'workspaceName', 'identifier', 'role']);
    case 'removeAzureRole':
      return (
        obj(c.role) &&
        ['assignment', 'scheduledAssignment', 'eligibility'].includes(c.role.removal as string) &&
        str(c.role, ['roleDefinitionId', 'roleName', 'scope', 'scopeWords'], LIMITS.url) &&
        (c.role.end === null || text(c.role.end, 40)) &&
        (c.role.assignmentId === undefined || text(c.role.assignmentId, LIMITS.url))
      );
    case 'createGroup':
      return obj(c.group) && str(c.group, ['displayName', 'mailNickname', 'membershipRule', 'domain']);
    default:
      return false;
  }
}

/** A change as the card sends it, for a guest named by id, address and name. */
export function guestChangeShape(p: unknown): boolean {
  if (!obj(p) || !obj(p.guest) || !obj(p.change)) return false;
  if (!str(p.guest, ['id', 'displayName']) || !text(p.guest.mail, LIMITS.email) || !fields(p.change)) return false;
  const record = { guest: p.guest, change: p.change, requestName: '00000000-0000-4000-8000-000000000000' };
  return changeProblem(record as Parameters<typeof changeProblem>[0]) === null;
}
