import {
  type ChangedUser,
  type GuestChangeRecord,
  isMember,
  isPartnerDomain,
  NICKNAME_TOO_LONG,
  partnerRule,
  sentNickname,
} from '../../../common/guest-card.ts';
import { changedGuest, guestChange } from '../../../common/guest-change-schema.ts';
import { isArmScope, isRoleDefinitionId } from '../../../logic/arm-id.ts';
import { isGuid } from '../../../logic/guid.ts';

/** The assignment's name when its id is `{scope}/providers/Microsoft.Authorization/roleAssignments/{GUID}`. */
export function assignmentOf(scope: string, assignmentId: string): string | null {
  const prefix = `${scope}/providers/Microsoft.Authorization/roleAssignments/`.toLowerCase();
  const name = assignmentId.slice(prefix.length);
  return assignmentId.toLowerCase().startsWith(prefix) && isGuid(name) ? name : null;
}

/** A deletion or conversion of a member only once the admin said they are one. */
function userProblem(user: ChangedUser, memberAcknowledged: true | undefined): string | null {
  return isMember(user) && memberAcknowledged !== true
    ? 'a member of this organization is deleted or converted only after the admin confirmed they are one'
    : null;
}

/**
 * What is wrong with a stored change (it steers requests), in words: checked before every step, and on the message
 * as it arrives (request-checks.ts). The guest and the change are held to the card's message schema
 * (common/guest-change-schema.ts: field types and bounds); beside it, the ids' grammar and the rules a change keeps.
 */
export function changeProblem(
  r: Pick<GuestChangeRecord, 'guest' | 'change' | 'requestName' | 'activationRequestName'>,
): string | null {
  if (!changedGuest(r.guest) || !guestChange(r.change)) return 'the stored change is not one the extension makes';
  // The request's name is the background's own (randomUUID); the ids are as Microsoft's answers spelled them.
  if (!isGuid(r.guest.id) || !isGuid(r.requestName)) return 'the stored change names an id the extension would not write';
  const c = r.change;
  switch (c.kind) {
    case 'convert':
      return userProblem(c.user, c.memberAcknowledged);
    case 'addSponsor':
      return isGuid(c.sponsor.id) ? null : 'the stored sponsor is not a user id';
    case 'leaveGroup':
      return isGuid(c.group.id) ? null : 'the stored group is not a group id';
    case 'removeLicense':
      return isGuid(c.license.skuId) ? null : 'the stored licence is not a SKU id';
    case 'removeWorkspaceRole':
      return isGuid(c.role.workspaceId) && /^[^/\\?\s@]{1,256}@[a-z0-9.-]{1,253}$/i.test(c.role.identifier)
        ? null
        : 'the stored workspace user is not one Power BI names';
    case 'removeAzureRole':
      if (!isArmScope(c.role.scope) || !isRoleDefinitionId(c.role.roleDefinitionId))
        return 'the stored role is not of a scope the extension accepts';
      if (c.endActivation && (!c.role.activation || !isArmScope(c.role.activation.scope)))
        return 'the stored activation is not of a scope the extension accepts';
      // A message names no request (the background chooses it); a stored change to end an activation has its own.
      if (r.activationRequestName !== undefined && !isGuid(r.activationRequestName))
        return 'the stored change names an id the extension would not write';
      return c.role.assignmentId === undefined || assignmentOf(c.role.scope, c.role.assignmentId)
        ? null
        : 'the stored assignment is not of its scope';
    case 'deleteUser':
      return userProblem(c.user, c.memberAcknowledged);
    case 'createGroup':
      // Only the rule the extension proposes is ever sent: a stored rule of another shape is refused.
      if (!isPartnerDomain(c.group.domain) || c.group.membershipRule !== partnerRule(c.group.domain))
        return 'the stored group rule is not one the extension proposes';
      return sentNickname(c.group.mailNickname, r.requestName) ? null : NICKNAME_TOO_LONG;
    case 'restoreUser':
    case 'attest':
    case 'disableUser':
    case 'enableUser':
      // Restoring gives back what the user had; attesting, and turning an account off or on, name only the guest.
      return null;
  }
}
