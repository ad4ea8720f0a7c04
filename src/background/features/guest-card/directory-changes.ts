import type { Client } from '@microsoft/microsoft-graph-client';
import type { Group } from '@microsoft/microsoft-graph-types';
import { AppError, ErrorCodes, hasCode } from '../../../common/errors.ts';
import { NICKNAME_TOO_LONG, type PartnerGroupDraft, sentNickname } from '../../../common/guest-card.ts';
import { alreadyExists, memberRef } from '../../services/graph/groups.ts';
import { userSkuIds } from '../../services/graph/licenses.ts';
import { graphList } from '../../services/graph/list.ts';
import { filterParam, odataString } from '../../services/graph/odata.ts';
import { path } from '../../services/url-path.ts';

/**
 * The directory side of the changes made from a guest's card. Each is safe to send again, or looks first where
 * it is not, and answers what happened in words: a thing already gone is what was asked, and is said so.
 */

const gone = (e: unknown) => hasCode(e, ErrorCodes.notFound);

/** Guest ↔ member (`PATCH /users/{id}` userType): sending it twice leaves the same type. */
export async function convertUser(client: Client, userId: string, to: 'Member' | 'Guest'): Promise<string> {
  await client.api(path`/users/${userId}`).patch({ userType: to });
  return `now a ${to}`;
}

export async function addSponsor(client: Client, userId: string, sponsorId: string): Promise<string> {
  try {
    await client.api(path`/users/${userId}/sponsors/$ref`).post(memberRef(sponsorId));
    return 'added';
  } catch (e) {
    // Graph refuses a reference that exists: "One or more added object references already exist…".
    if (hasCode(e, ErrorCodes.badRequest) && alreadyExists(e.detail)) return 'was already a sponsor';
    throw e;
  }
}

export async function leaveGroup(client: Client, userId: string, groupId: string): Promise<string> {
  try {
    await client.api(path`/groups/${groupId}/members/${userId}/$ref`).delete();
    return 'removed';
  } catch (e) {
    if (gone(e)) return 'was not a member any more';
    throw e;
  }
}

/** Looked at first: a licence taken away meanwhile (or by a send cut off) is not asked to go again. */
export async function removeLicense(client: Client, userId: string, skuId: string): Promise<string> {
  if (!(await userSkuIds(client, userId)).includes(skuId)) return 'had no such licence any more';
  await client.api(path`/users/${userId}/assignLicense`).post({ addLicenses: [], removeLicenses: [skuId] });
  return 'removed';
}

/** `DELETE /users/{id}`: the user goes to Deleted users, restorable for 30 days (learn: user-delete). */
export async function deleteUser(client: Client, userId: string): Promise<string> {
  try {
    await client.api(path`/users/${userId}`).delete();
    return 'deleted (restorable for 30 days)';
  } catch (e) {
    if (gone(e)) return 'was already deleted';
    throw e;
  }
}

/**
 * Creates the dynamic security group. POST /groups is not safe to repeat, so when a send may have reached Graph the
 * group is first looked for by its mail nickname, chosen once with the draft.
 */
export async function createDynamicGroup(
  client: Client,
  g: PartnerGroupDraft,
  requestName: string,
  mayExist: boolean,
): Promise<{ id: string; outcome: string }> {
  const mailNickname = sentNickname(g.mailNickname, requestName);
  // Checked with the change before every step (changeProblem); kept here so that no other caller sends one Graph refuses.
  if (!mailNickname) throw new AppError(ErrorCodes.badMessage, NICKNAME_TOO_LONG);
  if (mayExist) {
    // One group is enough to know it was made: read to the first, whatever the page size.
    const { items } = await graphList<Group>(
      client,
      client
        .api('/groups')
        .filter(filterParam(`mailNickname eq ${odataString(mailNickname)}`))
        .select('id')
        .get(),
      1,
    );
    if (items[0]?.id) return { id: items[0].id, outcome: 'created' };
  }
  const made = (await client.api('/groups').post({
    displayName: g.displayName,
    description: `Guests whose address ends in @${g.domain}, kept in step by Entra's dynamic membership.`,
    mailEnabled: false,
    mailNickname,
    securityEnabled: true,
    groupTypes: ['DynamicMembership'],
    membershipRule: g.membershipRule,
    membershipRuleProcessingState: 'On',
  })) as Group;
  return { id: made.id ?? '', outcome: 'created' };
}

/** Graph's largest page of users. */
const USERS_PAGE = 999;

/**
 * The users a partner rule would admit now: guests whose address ends in the domain (Graph's advanced query), every
 * page of them, so the preview counts all the rule would admit (issue 22).
 */
export async function partnerGuests(
  client: Client,
  domain: string,
): Promise<{ id: string; displayName: string; mail: string | null }[]> {
  const { items } = await graphList<{ id: string; displayName?: string; mail?: string | null }>(
    client,
    client
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .query({ $count: 'true' })
      .filter(filterParam(`userType eq 'Guest' and endswith(mail,${odataString(`@${domain}`)})`))
      .select('id,displayName,mail')
      .top(USERS_PAGE)
      .get(),
  );
  return items.map((u) => ({ id: u.id, displayName: u.displayName ?? u.id, mail: u.mail ?? null }));
}
