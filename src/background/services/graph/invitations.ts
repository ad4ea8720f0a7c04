import type { Client } from '@microsoft/microsoft-graph-client';
import type { Invitation, User } from '@microsoft/microsoft-graph-types';
import { GRAPH_ORIGIN } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { InvitationRequest } from '../../../common/model.ts';
import { path } from '../url-path.ts';
import type { GraphSession } from './client.ts';

const INVITE_SCOPES = ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];

/** Whether a user came into this tenant by invitation: a guest, or a member invited as one (`#EXT#` in the UPN). */
export function isInvitedUser(user: Pick<User, 'userType' | 'userPrincipalName'>): boolean {
  return user.userType === 'Guest' || (user.userPrincipalName ?? '').includes('#EXT#');
}

/** The token may invite: checked before anything is written (no request: the scopes are the token's). */
export async function assertMayInvite(session: GraphSession): Promise<void> {
  const granted = (await session.grantedScopes()).map((s) => s.replace(`${GRAPH_ORIGIN}/`, ''));
  if (!granted.some((s) => INVITE_SCOPES.includes(s))) throw new AppError(ErrorCodes.missingScope, granted.join(' '));
}

/**
 * Resetting redemption moves an existing guest, with their groups and roles, to the address sent: only the guest
 * who already has that address (as `mail` or one of `otherMails`) may be reset to it (issue 8, item 4).
 */
export async function assertResetIsTheirs(client: Client, userId: string, email: string): Promise<void> {
  const user = (await client.api(path`/users/${userId}`).select('id,mail,otherMails').get()) as User;
  const mine = [user.mail, ...(user.otherMails ?? [])].some((m) => m?.toLowerCase() === email.toLowerCase());
  if (!mine) throw new AppError(ErrorCodes.resetAddressMismatch, `${userId} does not have ${email}`);
}

/**
 * `POST /invitations` as Graph takes it, for a single invitation and a bulk row alike. Inviting an existing guest
 * returns that same guest (and sends the e-mail again); a reset moves the guest to the address sent.
 */
export function invitationBody(input: InvitationRequest): Invitation {
  return {
    invitedUserEmailAddress: input.email.trim(),
    inviteRedirectUrl: input.redirectUrl,
    sendInvitationMessage: input.sendEmail,
    invitedUserType: input.userType,
    ...(input.displayName?.trim() ? { invitedUserDisplayName: input.displayName.trim() } : {}),
    ...(input.resetRedemptionOf ? { resetRedemption: true, invitedUser: { id: input.resetRedemptionOf } } : {}),
    ...(input.message?.trim() ? { invitedUserMessageInfo: { customizedMessageBody: input.message.trim() } } : {}),
    // A directoryObject reference by id, as the invitation resource takes its sponsors (learn: invitation resource).
    ...(input.sponsor ? { invitedUserSponsors: [{ id: input.sponsor.id }] } : {}),
  } as Invitation;
}
