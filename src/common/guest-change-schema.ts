import { LIMITS } from '../logic/inputs.ts';
import { boolean, type Infer, literal, nullable, object, optional, string, variants } from './schema.ts';

/**
 * The guest card's changes (issue 11) as the card sends them: field types and bounds here; the ids' grammar and the
 * rules a change keeps are the stored check's (background/features/guest-card/change-problem.ts), which the background applies
 * to the message too.
 */

const name = string(LIMITS.displayName);
/** A bound on a group's description as the card takes it (Graph's group resource documents none). */
export const GROUP_DESCRIPTION_MAX = 1024;
const named = object({ id: name, displayName: name });

export const changedUser = object({
  userPrincipalName: string(LIMITS.email),
  userType: string(40),
  /** Invited from outside (an external user state, or an #EXT# UPN). */
  external: boolean,
});
export type ChangedUser = Infer<typeof changedUser>;

export const cardWorkspaceRole = object({
  workspaceId: name,
  workspaceName: name,
  /** As Power BI names the user in the workspace's list (their address or UPN): how a removal names them. */
  identifier: name,
  role: name,
});
export type CardWorkspaceRole = Infer<typeof cardWorkspaceRole>;

const url = string(LIMITS.url);
export const cardAzureRole = object({
  /** How the role is taken back: a plain assignment is deleted, a PIM schedule is ended by request. */
  removal: literal('assignment', 'scheduledAssignment', 'eligibility'),
  roleDefinitionId: url,
  roleName: url,
  scope: url,
  scopeWords: url,
  end: nullable(string(40)),
  /** The role assignment's full id (a plain assignment is deleted by it). */
  assignmentId: optional(url),
  /** The scope in words within its subscription ("Resource group rg-data"), shown under the subscription's name. */
  place: optional(url),
  /** An eligibility's running activation (PIM's active instance linked to it): where, and until when. */
  activation: optional(object({ scope: url, end: nullable(string(40)) })),
});
export type CardAzureRole = Infer<typeof cardAzureRole>;

export const cardLicense = object({ skuId: name, skuPartNumber: name });
export type CardLicense = Infer<typeof cardLicense>;

export const partnerGroupDraft = object({
  /** As proposed, or as the admin changed it before creating. */
  displayName: name,
  mailNickname: name,
  membershipRule: name,
  /** The partner's domain the rule admits. */
  domain: name,
  /** The group's description, as the admin wrote it; none: the extension's own sentence. */
  description: optional(string(GROUP_DESCRIPTION_MAX)),
});
export type PartnerGroupDraft = Infer<typeof partnerGroupDraft>;

/** A member is deleted or converted only once the admin said they are one. */
const memberAcknowledged = optional(literal(true));

export const guestChange = variants('kind', {
  convert: object({ to: literal('Member', 'Guest'), user: changedUser, memberAcknowledged }),
  addSponsor: object({ sponsor: named }),
  leaveGroup: object({ group: named }),
  removeWorkspaceRole: object({ role: cardWorkspaceRole }),
  /** `endActivation`: an eligibility's running activation is ended in the same change. */
  removeAzureRole: object({ role: cardAzureRole, endActivation: optional(literal(true)) }),
  removeLicense: object({ license: cardLicense }),
  deleteUser: object({ user: changedUser, memberAcknowledged }),
  createGroup: object({ group: partnerGroupDraft }),
  /** A user deleted from the card, back from Deleted users (within Entra's 30 days). */
  restoreUser: object({ user: changedUser }),
  /** A sponsor's or admin's attestation that the guest still needs access (issue 27, guest lifecycle policies). */
  attest: object({}),
  /** An inactive guest's account turned off (`accountEnabled: false`), and back on: reversible, unlike a deletion. */
  disableUser: object({}),
  enableUser: object({}),
});
export type GuestChange = Infer<typeof guestChange>;

/** The guest a change is for, named by id, address and name. */
export const changedGuest = object({ id: name, mail: string(LIMITS.email), displayName: name });
