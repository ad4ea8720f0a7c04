import type { Client } from '@microsoft/microsoft-graph-client';
import type { Invitation, User } from '@microsoft/microsoft-graph-types';
import { GRAPH_ORIGIN } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import type { InvitationRequest, InvitationResult } from '../../shared/model.ts';
import { path } from '../../shared/url-path.ts';
import type { GraphSession } from './client.ts';

const INVITE_SCOPES = ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];
const quote = (s: string) => s.replace(/'/g, "''");

/** Whether a user came into this tenant by invitation: a guest, or a member invited as one (`#EXT#` in the UPN). */
export function isInvitedUser(user: Pick<User, 'userType' | 'userPrincipalName'>): boolean {
  return user.userType === 'Guest' || (user.userPrincipalName ?? '').includes('#EXT#');
}

/** The user of this tenant who already has this address, if any. */
export async function findUserByEmail(client: Client, email: string): Promise<User | undefined> {
  const found = (await client
    .api('/users')
    .filter(`mail eq '${quote(email)}'`)
    .select('id,displayName,mail,userPrincipalName,userType')
    .get()) as { value: User[] };
  return found.value[0];
}

/**
 * Invites a guest (`POST /invitations`). Checked before anything is written: the token may invite, and the
 * address is not already a member of this tenant. Inviting an existing guest returns that same guest.
 */
async function assertMayInvite(session: GraphSession): Promise<void> {
  const granted = (await session.grantedScopes()).map((s) => s.replace(`${GRAPH_ORIGIN}/`, ''));
  if (!granted.some((s) => INVITE_SCOPES.includes(s))) throw new AppError(ErrorCodes.missingScope, granted.join(' '));
}

/**
 * Resetting redemption moves an existing guest, with their groups and roles, to the address sent: only the guest
 * who already has that address (as `mail` or one of `otherMails`) may be reset to it (issue 8, item 4).
 */
async function assertResetIsTheirs(client: Client, userId: string, email: string): Promise<void> {
  const user = (await client.api(path`/users/${userId}`).select('id,mail,otherMails').get()) as User;
  const mine = [user.mail, ...(user.otherMails ?? [])].some((m) => m?.toLowerCase() === email.toLowerCase());
  if (!mine) throw new AppError(ErrorCodes.resetAddressMismatch, `${userId} does not have ${email}`);
}

export async function inviteGuest(session: GraphSession, input: InvitationRequest): Promise<InvitationResult> {
  await assertMayInvite(session);

  const email = input.email.trim();
  if (input.resetRedemptionOf) await assertResetIsTheirs(session.client, input.resetRedemptionOf, email);
  const existing = await findUserByEmail(session.client, email);
  if (existing?.userType === 'Member' && !isInvitedUser(existing)) {
    throw new AppError(ErrorCodes.userExistsAsMember, existing.userPrincipalName ?? email);
  }
  const body: Invitation = {
    invitedUserEmailAddress: email,
    inviteRedirectUrl: input.redirectUrl,
    sendInvitationMessage: input.sendEmail,
    invitedUserType: input.userType,
    ...(input.displayName?.trim() ? { invitedUserDisplayName: input.displayName.trim() } : {}),
    ...(input.resetRedemptionOf ? { resetRedemption: true, invitedUser: { id: input.resetRedemptionOf } } : {}),
    ...(input.message?.trim() ? { invitedUserMessageInfo: { customizedMessageBody: input.message.trim() } } : {}),
  };
  const invitation = (await session.client
    .api('/invitations')
    .post(body)
    .catch(async (e: unknown) => {
      // A token renewed mid-flow may have lost the scope (consent withdrawn): say that, not a bare "forbidden".
      if (e instanceof AppError && e.code === ErrorCodes.forbidden) await assertMayInvite(session);
      throw e;
    })) as Invitation;
  const userId = invitation.invitedUser?.id ?? '';
  const guest = (await session.client
    .api(path`/users/${userId}`)
    .select('id,displayName,mail,userPrincipalName,userType')
    .get()) as User;
  return {
    guest: {
      id: userId,
      displayName: guest.displayName ?? email,
      email: guest.mail ?? email,
      userPrincipalName: guest.userPrincipalName ?? '',
      userType: guest.userType ?? input.userType,
      state: invitation.status === 'Completed' ? 'Accepted' : 'PendingAcceptance',
    },
    status: invitation.status ?? 'PendingAcceptance',
    redeemUrl: invitation.inviteRedeemUrl ?? '',
    existing: !!existing,
  };
}
