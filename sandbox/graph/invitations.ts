import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';
import { mayInvite, mayInviteMembers } from './directory-roles.ts';
import { badRequest, graphError } from './errors.ts';
import { syncDynamicGroups } from './groups.ts';
import { invitationRefusal } from './invitation-policy.ts';
import { auditInvitation, sponsorIds } from './invitation-records.ts';
import { addSponsors } from './sponsors.ts';
import { findUserByEmail } from './users.ts';

interface InvitationBody {
  invitedUserEmailAddress?: unknown;
  inviteRedirectUrl?: unknown;
  invitedUserDisplayName?: unknown;
  sendInvitationMessage?: unknown;
  invitedUserType?: unknown;
  invitedUserMessageInfo?: { customizedMessageBody?: string; messageLanguage?: string; ccRecipients?: unknown[] };
  resetRedemption?: unknown;
  invitedUser?: { id?: unknown };
  invitedUserSponsors?: unknown;
}

export interface InviteOptions {
  save: () => void;
  /** The sandbox tenant owning a domain: the invitee's home, whose cross-tenant settings also apply. */
  tenantOf: (domain: string) => SandboxTenant | undefined;
}

/** Characters Graph rejects in invitedUserEmailAddress (learn: invitation resource). */
const FORBIDDEN = /[~!#$%^&*()+=[\]{}\\/|;:"<>?,]/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function redeemUrl(tenantId: string, userId: string): string {
  const inner =
    `https://invitations.microsoft.com/redeem/?tenant=${tenantId}&user=${userId}` +
    `&ticket=${randomBytes(24).toString('base64url')}&ver=2.0`;
  return `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(inner)}`;
}

function createGuest(
  tenant: SandboxTenant,
  email: string,
  displayName: string | undefined,
  userType: 'Guest' | 'Member',
): SandboxUser {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const user: SandboxUser = {
    id: randomUUID(),
    displayName: displayName || email.split('@')[0] || email,
    userPrincipalName: `${email.replace('@', '_')}#EXT#@${tenant.initialDomain}`,
    mail: email,
    otherMails: [email],
    userType,
    externalUserState: 'PendingAcceptance',
    externalUserStateChangeDateTime: now,
    creationType: 'Invitation',
    createdDateTime: now,
    usageLocation: null,
    directoryRoles: [],
  };
  tenant.users.push(user);
  return user;
}

/**
 * `POST /invitations`: creates (or finds) the guest and answers with the invitation entity. `invitedUserSponsors`
 * become the guest's sponsors. The allow/deny list and cross-tenant access settings may refuse it: then nothing is
 * created, and the refusal is logged.
 */
export function invite(tenant: SandboxTenant, caller: SandboxUser, input: InvitationBody, opts: InviteOptions): ApiResponse {
  const email = typeof input.invitedUserEmailAddress === 'string' ? input.invitedUserEmailAddress.trim() : '';
  if (!email || typeof input.inviteRedirectUrl !== 'string' || !input.inviteRedirectUrl) {
    return badRequest('InvitedUserEmailAddress and InviteRedirectUrl are required.');
  }
  if (FORBIDDEN.test(email) || !EMAIL.test(email)) {
    return graphError(400, 'BadRequest', `The email address '${email}' is invalid.`);
  }
  if (!mayInvite(tenant, caller)) {
    return graphError(
      403,
      'Authorization_RequestDenied',
      'Guest invitations not allowed for your company. Contact your company administrator for more details.',
    );
  }
  const userType = input.invitedUserType === 'Member' ? 'Member' : 'Guest';
  if (userType === 'Member' && !mayInviteMembers(caller)) {
    return graphError(403, 'Authorization_RequestDenied', 'Only company administrators can invite users as members.');
  }
  const domain = email.split('@')[1]?.toLowerCase() ?? '';
  if (tenant.verifiedDomains.some((d) => d.toLowerCase() === domain)) {
    return badRequest(`The invited user's domain '${domain}' is a verified domain of this directory.`);
  }
  const reset = input.resetRedemption === true;
  const resetUser = reset ? tenant.users.find((u) => u.id === input.invitedUser?.id) : undefined;
  if (reset && resetUser?.creationType !== 'Invitation') {
    return badRequest('resetRedemption requires invitedUser.id of an invited user of this directory.');
  }
  const existing = resetUser ?? findUserByEmail(tenant, email);
  if (existing && existing.creationType !== 'Invitation') {
    return badRequest('A user with this email address already exists in the directory and was not invited.');
  }
  const sponsors = sponsorIds(tenant, input.invitedUserSponsors);
  if (!Array.isArray(sponsors)) return sponsors;
  // A reset is a new redemption, so the allow/deny list applies to it as to a new guest.
  const refusal = invitationRefusal(tenant, email, resetUser ? undefined : existing, opts.tenantOf);
  if (refusal) {
    auditInvitation(tenant, caller, { email, refusal });
    opts.save();
    return refusal;
  }
  if (resetUser) {
    // Reset redemption: same object, groups and app roles; the person redeems again, possibly at a new address.
    resetUser.mail = email;
    resetUser.otherMails = [email];
    resetUser.externalUserState = 'PendingAcceptance';
    resetUser.externalUserStateChangeDateTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  }
  const displayName = typeof input.invitedUserDisplayName === 'string' ? input.invitedUserDisplayName.trim() : undefined;
  const user = existing ?? createGuest(tenant, email, displayName, userType);
  auditInvitation(tenant, caller, { user, reset: Boolean(resetUser) });
  if (sponsors.length) addSponsors(tenant, caller, user, sponsors);
  syncDynamicGroups(tenant);
  opts.save();
  return {
    status: 201,
    headers: { location: `https://graph.microsoft.com/v1.0/invitations/${randomUUID()}` },
    body: {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#invitations/$entity',
      id: randomUUID(),
      inviteRedeemUrl: redeemUrl(tenant.id, user.id),
      invitedUserDisplayName: displayName || null,
      invitedUserType: user.userType,
      invitedUserEmailAddress: email,
      sendInvitationMessage: input.sendInvitationMessage === true,
      resetRedemption: reset,
      inviteRedirectUrl: input.inviteRedirectUrl,
      status: user.externalUserState === 'Accepted' ? 'Completed' : 'PendingAcceptance',
      invitedUserMessageInfo: {
        messageLanguage: input.invitedUserMessageInfo?.messageLanguage ?? null,
        customizedMessageBody: input.invitedUserMessageInfo?.customizedMessageBody ?? null,
        ccRecipients: [],
      },
      invitedUser: { id: user.id },
    },
  };
}
