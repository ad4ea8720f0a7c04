import type { User } from '@microsoft/microsoft-graph-types';
import type { ExistingUser } from '../../../common/model.ts';
import { type InvitePermission, invitePermission } from '../../../logic/invite-policy.ts';
import { sendBatch } from '../../services/graph/batch.ts';
import type { GraphSession } from '../../services/graph/client.ts';
import { isInvitedUser } from '../../services/graph/invitations.ts';
import { graphList } from '../../services/graph/list.ts';
import { filterParam, odataString } from '../../services/graph/odata.ts';

function existingUser(body: unknown, email: string): ExistingUser | null {
  const user = (body as { value?: User[] } | undefined)?.value?.[0];
  if (!user?.id) return null;
  const state =
    user.externalUserState === 'Accepted' || user.externalUserState === 'PendingAcceptance' ? user.externalUserState : null;
  return {
    id: user.id,
    displayName: user.displayName ?? email,
    email: user.mail ?? email,
    userPrincipalName: user.userPrincipalName ?? '',
    userType: user.userType ?? 'Member',
    invited: isInvitedUser(user),
    state,
  };
}

/**
 * Before anything is written, in one round trip: may the signed-in user invite (the tenant's allowInvitesFrom
 * against their directory roles), and does the address already belong to someone in this tenant?
 */
export async function precheck(
  session: GraphSession,
  email?: string,
): Promise<{ invite: InvitePermission; existing: ExistingUser | null }> {
  const requests = [
    { id: 'policy', method: 'GET' as const, url: '/policies/authorizationPolicy?$select=allowInvitesFrom' },
    { id: 'me', method: 'GET' as const, url: '/me?$select=id,userType' },
    // No $select: roleTemplateId belongs to directoryRole, not to the directoryObject the collection is typed as.
    { id: 'roles', method: 'GET' as const, url: '/me/memberOf' },
  ];
  if (email) {
    const e = odataString(email.trim());
    requests.push({
      id: 'user',
      method: 'GET',
      url: `/users?$filter=${filterParam(`mail eq ${e} or otherMails/any(m:m eq ${e})`)}&$select=id,displayName,mail,userPrincipalName,userType,externalUserState`,
    });
  }
  const answers = await sendBatch(session.client, requests);
  const ok = (id: string) => {
    const a = answers.get(id);
    return a && a.status < 300 ? (a.body as Record<string, unknown>) : undefined;
  };
  // memberOf holds groups too: a directory role may sit on any page of a user in hundreds of groups.
  const memberOf = ok('roles');
  const roles = (memberOf ? (await graphList<{ roleTemplateId?: string }>(session.client, memberOf)).items : []).flatMap((r) =>
    r.roleTemplateId ? [r.roleTemplateId] : [],
  );
  const invite = invitePermission((ok('policy')?.allowInvitesFrom as string | undefined) ?? null, {
    userType: (ok('me')?.userType as string | undefined) ?? null,
    roleTemplateIds: roles,
  });
  return { invite, existing: email ? existingUser(ok('user'), email) : null };
}
