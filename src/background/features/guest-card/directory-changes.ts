import type { Client } from '@microsoft/microsoft-graph-client';
import { AppError, ErrorCodes, hasCode } from '../../../common/errors.ts';
import type { DeletedUser } from '../../../common/guest-card.ts';
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

/** The user in Deleted users (learn: directory-deleteditems-get); null once they are not (restored, or gone for good). */
export async function deletedUser(client: Client, userId: string): Promise<DeletedUser | null> {
  try {
    const u = (await client
      .api(path`/directory/deletedItems/${userId}`)
      .select('id,displayName,mail,userPrincipalName,userType,deletedDateTime')
      .get()) as Partial<DeletedUser>;
    return {
      id: u.id ?? userId,
      displayName: u.displayName ?? userId,
      mail: u.mail ?? null,
      userPrincipalName: u.userPrincipalName ?? '',
      userType: u.userType ?? 'Guest',
      deletedDateTime: u.deletedDateTime ?? '',
    };
  } catch (e) {
    if (gone(e)) return null;
    throw e;
  }
}

/**
 * `POST /directory/deletedItems/{id}/restore` (learn: directory-deleteditems-restore): the user comes back with the
 * same id, so what Entra kept for them comes back too. Sent again after an answer was lost, Graph answers 404 (no
 * longer in Deleted users): the user back in the directory is this restore's doing, and said so.
 */
export async function restoreUser(client: Client, userId: string): Promise<string> {
  try {
    await client.api(path`/directory/deletedItems/${userId}/restore`).post({});
    return 'restored';
  } catch (e) {
    if (!gone(e)) throw e;
    const back = await client
      .api(path`/users/${userId}`)
      .select('id')
      .get()
      .then(
        () => true,
        (err: unknown) => (gone(err) ? false : Promise.reject(err)),
      );
    if (back) return 'was already restored';
    throw new AppError(ErrorCodes.notFound, GONE_FOR_GOOD);
  }
}

/** Why a restore found nothing: Entra keeps a deleted user for 30 days, then deletes them for good. */
export const GONE_FOR_GOOD = 'not in Deleted users any more: Entra keeps a deleted user for 30 days, then deletes them for good';
