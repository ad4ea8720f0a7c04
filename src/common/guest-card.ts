import { formatAgo, formatTime } from '../logic/format.ts';
import { licenseName } from '../logic/license-names.ts';
import type { ReadExtent } from '../logic/listed.ts';
import type { ActivityEntry } from './activity-entry.ts';
import type {
  CardAzureRole,
  CardLicense,
  CardWorkspaceRole,
  ChangedUser,
  GuestChange,
  PartnerGroupDraft,
} from './guest-change-schema.ts';
import { t } from './i18n.ts';
import type { OperationRecord } from './operation.ts';
import { string } from './schema.ts';

export type { ReadExtent } from '../logic/listed.ts';
// The shapes a change is made of are written once, as the schemas the background checks a change with.
export type { CardAzureRole, CardLicense, CardWorkspaceRole, ChangedUser, GuestChange, PartnerGroupDraft };

/**
 * A guest's whole access here on one card (issue 11): who they are, what they hold, what was done to them, and the
 * changes an admin makes from it — each change a background operation like an invitation, in the activity list.
 */

/** A user found by name or address. */
export { SEARCH_HITS } from '../logic/inputs.ts';

export interface DirectoryHit {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  userType: string;
  externalUserState: string | null;
}

export interface CardIdentity extends DirectoryHit {
  externalUserStateChangeDateTime: string | null;
  createdDateTime: string | null;
  creationType: string | null;
  sponsors: { id: string; displayName: string; mail: string | null }[];
}

export interface CardGroup {
  id: string;
  displayName: string;
  /** Its members come from a rule: nobody is added or removed by hand. */
  dynamic: boolean;
  /** A member of the group itself, not only through a group inside it: only then can they be taken out of it here. */
  direct: boolean;
  /** Power BI apps this group is the audience of (as far as the admin view or this browser knows). */
  audienceOf: string[];
}

/** How an Azure role of the guest is taken back: a plain assignment is deleted, a PIM schedule is ended by request. */
export type RoleRemoval = CardAzureRole['removal'];

/**
 * A role the guest holds at a scope the extension's grammar cannot read (a DNS record set named `*`, say): shown as
 * ARM gives it, with nothing to press, since every change is built from a scope the grammar has checked.
 */
export interface CardUnreadableRole {
  roleName: string;
  /** As ARM gave it. */
  scope: string;
  eligible: boolean;
  end: string | null;
  /** Held through a group or from a scope above (ARM's memberType), so taken back there, never from this card. */
  notOwn?: boolean;
}

/** The guest's roles in one subscription, under its name. */
export interface CardSubscriptionRoles {
  subscriptionId: string;
  displayName: string;
  roles: CardAzureRole[];
  unreadable: CardUnreadableRole[];
}

/** The guest's Azure roles across the subscriptions the signed-in admin can read. */
export interface CardAzure {
  /** Only those where the guest holds something, in ARM's order. */
  subscriptions: CardSubscriptionRoles[];
  /** How many of the subscriptions the admin sees were looked through: all, or the first ones to a stated cap. */
  read: ReadExtent;
  /** Subscriptions listed to the admin where ARM refused to list roles: a role there is not shown. */
  skipped: number;
}

export interface CardAudit {
  id: string;
  at: string;
  activity: string;
  by: string;
  result: string;
  /** What changed, in Entra's own words (old → new), when the entry says. */
  detail: string;
}

/**
 * Power BI's admin view of app audiences is read at most once an hour per app (its admin reads allow 200 an hour);
 * asked to read again, only what is older than a few minutes is read.
 */
export const AUDIENCE_FRESH_MS = 60 * 60_000;
export const READ_AGAIN_AFTER_MS = 5 * 60_000;

/** How old the app audiences shown are, and when spent admin reads come back. */
export interface AudienceRead {
  /** When the oldest of the audiences shown was read (ms since the epoch); null when none was. */
  readAt: number | null;
  /** While the tenant's Power BI admin reads are spent: when they come back (ms since the epoch); else null. */
  backAt: number | null;
}

/** "App audiences as read 12 minutes ago"; null when none were read. */
export const audiencesAgeWords = (read: AudienceRead, now: number) =>
  read.readAt === null ? null : t('cardAudiencesReadAgo', formatAgo(now - read.readAt));

/** "Power BI's admin reads for this hour are spent; they come back at 17:42."; null while they are not spent. */
export const adminReadsSpentWords = (read: AudienceRead, now: number) =>
  read.backAt !== null && read.backAt > now ? t('cardAdminReadsSpent', formatTime(read.backAt)) : null;

/** Reading again is offered once what is shown is a few minutes old, and never while the reads are spent. */
export const mayReadAudiencesAgain = (read: AudienceRead, now: number) =>
  adminReadsSpentWords(read, now) === null && read.readAt !== null && now - read.readAt >= READ_AGAIN_AFTER_MS;

export interface GuestCard {
  identity: CardIdentity;
  groups: CardGroup[];
  /** How much of the guest's groups was read: all of them, or the first ones to a stated cap. */
  groupsRead: ReadExtent;
  licenses: CardLicense[];
  /** How old the groups' app audiences are (Power BI's admin view); null when the person has none to show. */
  audiencesRead: AudienceRead | null;
  /** Null: not read (no Power BI access); the problems say why. */
  workspaces: CardWorkspaceRole[] | null;
  /** How many of the workspaces the signed-in person sees were looked through; null when none were read. */
  workspacesRead: ReadExtent | null;
  /** The guest's Azure roles in every subscription the admin can read; null when ARM could not be read (see problems). */
  azure: CardAzure | null;
  /** Entra's audit entries for this user; null when they cannot be read (see `auditMissing`). */
  audits: CardAudit[] | null;
  /** Which role or permission reading the audit log needs, when the caller lacks it. */
  auditMissing?: string;
  /** This browser's activity entries for them. */
  activity: ActivityEntry[];
  /** A part that could not be read, in words (the rest is still shown). */
  problems: { section: 'groups' | 'licenses' | 'workspaces' | 'azure' | 'sponsors'; message: string }[];
}

/**
 * Who a deletion or a conversion acts on, as the card read them: the sentence names them by UPN and kind, and a
 * member (an employee, or a B2B member) is acted on only after the admin ticked that they are one (`memberAcknowledged`).
 */
export interface GuestChangeRecord extends OperationRecord {
  guest: { id: string; mail: string; displayName: string };
  change: GuestChange;
  /** ARM's request name (a PIM removal) or nothing: chosen once, so a request cut off is looked up, never doubled. */
  requestName: string;
  /** A second request name, chosen once too, for ending an eligibility's running activation in the same change. */
  activationRequestName?: string;
  /** What the change did, in words, once done ("removed", "was not a member any more"). */
  outcome?: string;
  /** A group the change created. */
  createdId?: string;
}

/** Not a guest: deleting or converting them needs the admin's second, explicit step. */
export const isMember = (user: ChangedUser) => user.userType !== 'Guest';

/** A user by UPN and kind: "nora_partner.example#EXT#@contoso.onmicrosoft.com (guest, invited from outside)". */
export function changedUserWords(user: ChangedUser): string {
  const kind =
    user.userType === 'Guest'
      ? user.external
        ? t('userKindInvitedGuest')
        : t('userKindGuest')
      : user.userType === 'Member'
        ? user.external
          ? t('userKindExternalMember')
          : t('userKindMember')
        : user.userType;
  return t('changedUser', user.userPrincipalName, kind);
}

/** The change as one sentence: what changes, and what does not. */
export function changeSentence(change: GuestChange, who: string): string {
  switch (change.kind) {
    case 'convert': {
      const user = changedUserWords(change.user);
      return change.to === 'Member' ? t('changeSentenceToMember', user) : t('changeSentenceToGuest', user);
    }
    case 'addSponsor':
      return t('changeSentenceAddSponsor', change.sponsor.displayName, who);
    case 'leaveGroup':
      return t('changeSentenceLeaveGroup', who, change.group.displayName);
    case 'removeWorkspaceRole':
      return t('changeSentenceRemoveWorkspaceRole', who, change.role.role, change.role.workspaceName);
    case 'removeAzureRole':
      if (change.role.removal !== 'eligibility')
        return t('changeSentenceRemoveActiveRole', who, change.role.roleName, change.role.scopeWords);
      return change.endActivation
        ? t('changeSentenceRemoveEligibleAndActivation', who, change.role.roleName, change.role.scopeWords)
        : t('changeSentenceRemoveEligibleRole', who, change.role.roleName, change.role.scopeWords);
    case 'removeLicense':
      return t('changeSentenceRemoveLicense', licenseName(change.license), who);
    case 'deleteUser':
      return t('changeSentenceDeleteUser', changedUserWords(change.user));
    case 'createGroup':
      return t('changeSentenceCreateGroup', change.group.displayName);
    case 'restoreUser':
      return t('changeSentenceRestoreUser', changedUserWords(change.user));
    case 'attest':
      return t('changeSentenceAttest', who);
    case 'disableUser':
      return t('changeSentenceDisableUser', who);
    case 'enableUser':
      return t('changeSentenceEnableUser', who);
  }
}

/** The change as the activity list and the progress line name it. */
export function changeWords(change: GuestChange): string {
  switch (change.kind) {
    case 'convert':
      return change.to === 'Member' ? t('changeToMember') : t('changeToGuest');
    case 'addSponsor':
      return t('changeAddSponsor', change.sponsor.displayName);
    case 'leaveGroup':
      return t('changeLeaveGroup', change.group.displayName);
    case 'removeWorkspaceRole':
      return t('changeRemoveWorkspaceRole', change.role.role, change.role.workspaceName);
    case 'removeAzureRole':
      return change.endActivation
        ? t('changeRemoveAzureRoleAndActivation', change.role.roleName, change.role.scopeWords)
        : t('changeRemoveAzureRole', change.role.roleName, change.role.scopeWords);
    case 'removeLicense':
      return t('changeRemoveLicense', licenseName(change.license));
    case 'deleteUser':
      return t('changeDeleteUser');
    case 'createGroup':
      return t('changeCreateGroup', change.group.displayName);
    case 'restoreUser':
      return t('changeRestoreUser');
    case 'attest':
      return t('changeAttest');
    case 'disableUser':
      return t('changeDisableUser');
    case 'enableUser':
      return t('changeEnableUser');
  }
}

/** What was not read of the workspaces, in one sentence; null when all of them were. */
export function workspacesNotReadWords(extent: ReadExtent | null): string | null {
  if (!extent || extent.complete) return null;
  // Only a total above what was read says how many were left out; anything else says there may be more.
  return extent.total !== null && extent.total > extent.read
    ? t('cardWorkspacesReadOf', extent.read, extent.total)
    : t('cardWorkspacesReadFirst', extent.read);
}

/** A user type as the card shows it: Graph's two values in words, anything else as Graph gives it. */
export function userTypeWords(userType: string): string {
  if (userType === 'Member') return t('cardUserTypeMember');
  if (userType === 'Guest') return t('cardUserTypeGuest');
  return userType;
}

/** The rule a dynamic group for a partner's guests uses (Entra's membership rule syntax). */
export function partnerRule(domain: string): string {
  return `(user.userType -eq "Guest") -and (user.mail -endsWith "@${domain}")`;
}

/** A partner domain a rule may name: letters, digits, hyphens and dots only (the rule is built from it). */
export const isPartnerDomain = string(253, /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i);

/** Graph's limit on a group's mailNickname (group resource: "Maximum length is 64 characters"). */
export const MAIL_NICKNAME_MAX = 64;
/** The change's own id the created group's nickname ends in, after a hyphen. */
const CHANGE_ID_CHARS = 8;
/** Letters, digits and hyphens, as the partner group's nickname is built: a subset of what Graph takes. */
const NICKNAME = /^[a-z0-9-]+$/;

/**
 * The nickname a partner group is created with: the draft's, then the change's own id, so that a group another change
 * (or person) made is never taken for this one. Null when it would not fit Graph's limit or is not of that shape.
 */
export function sentNickname(draft: string, requestName: string): string | null {
  const nick = `${draft}-${requestName.slice(0, CHANGE_ID_CHARS)}`;
  return draft && NICKNAME.test(draft) && nick.length <= MAIL_NICKNAME_MAX ? nick : null;
}

/** Why a partner group's nickname is refused before it is sent (a stored change's problem, as the others are worded). */
export const NICKNAME_TOO_LONG = `the group's mail nickname would be longer than the ${MAIL_NICKNAME_MAX} characters Graph takes, or not of letters, digits and hyphens`;

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable mark of a string (not a secret). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * `guests-<domain>`, the domain's dots as hyphens. A domain too long for that to fit once the change's id is added
 * (domains run to 253 characters) keeps its start and ends in a hash of the whole domain, so two long domains that
 * start alike still get two names, and one domain always the same.
 */
function partnerNickname(domain: string): string {
  const nick = `guests-${domain.replace(/[^a-z0-9]/g, '-')}`;
  const room = MAIL_NICKNAME_MAX - CHANGE_ID_CHARS - 1;
  return nick.length <= room ? nick : `${nick.slice(0, room - 9)}-${fnv1a(domain)}`;
}

export function partnerGroupDraft(domain: string): PartnerGroupDraft {
  const nick = partnerNickname(domain.toLowerCase());
  return {
    displayName: `Guests from ${domain.toLowerCase()}`,
    mailNickname: nick,
    membershipRule: partnerRule(domain.toLowerCase()),
    domain: domain.toLowerCase(),
  };
}

/** A user deleted within Entra's 30 days, as `GET /directory/deletedItems/{id}` gives them. */
export interface DeletedUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  userType: string;
  deletedDateTime: string;
}

/** Entra keeps a deleted user this long in Deleted users (learn: user-delete), then deletes them for good. */
export const RESTORABLE_DAYS = 30;

/** The last moment a user deleted at `deletedAt` (ms) can be restored. */
export const restorableUntil = (deletedAt: number) => deletedAt + RESTORABLE_DAYS * 24 * 3600_000;

/** A dynamic group whose rule is a partner's: in the directory, or being made from this browser. */
export interface ExistingPartnerGroup {
  /** Empty while it is being made and Graph has not answered yet. */
  id: string;
  displayName: string;
  description: string | null;
  createdDateTime: string | null;
  /** Its membership processing is paused (membershipRuleProcessingState). */
  paused: boolean;
  /** Being created from this browser. */
  underWay?: boolean;
}

/** A partner's group as the card proposes it: the groups with its rule that exist, else the draft to create. */
export interface PartnerGroupPreview {
  draft: PartnerGroupDraft;
  admitted: { id: string; displayName: string; mail: string | null }[];
  existing: ExistingPartnerGroup[];
}

/** Tenant settings that decide who may invite whom, read from Graph, in words. */
export interface ExternalSettings {
  allowInvitesFrom: { value: string; words: string } | null;
  guestAccess: { value: string; words: string } | null;
  crossTenantDefault: { inbound: string; outbound: string } | null;
  partners: ({ tenantId: string; inbound: string; outbound: string } & PartnerName)[];
  problems: string[];
}

/** A partner organization's name and default domain; or, when they cannot be read, why, in words. */
export interface PartnerName {
  name: string | null;
  domain: string | null;
  unread: string | null;
}
