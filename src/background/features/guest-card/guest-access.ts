import type { Settings } from '../../../common/config.ts';
import { ErrorCodes, hasCode } from '../../../common/errors.ts';
import type { AudienceRead, CardWorkspaceRole, ReadExtent } from '../../../common/guest-card.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import { local } from '../../../common/storage.ts';
import { extentOf } from '../../../logic/listed.ts';
import { own } from '../../../logic/own.ts';
import { inTurns } from '../../core/in-turns.ts';
import { appAudiences } from '../../services/powerbi/audience-cache.ts';
import { powerBi, powerBiList } from '../../services/powerbi/client.ts';
import type { GroupUser } from '../../services/powerbi/workspaces.ts';
import { path } from '../../services/url-path.ts';

/** Enough for any one person's view; a tenant with more workspaces shows the first ones, and says so. */
export const MAX_WORKSPACES = 30;
/** Page sizes asked of Power BI (`$top`): a workspace's users, and the apps. */
const USERS_PAGE = 100;
const APPS_PAGE = 100;
/** Workspaces asked per page when all are read, and how many workspaces' users are asked for at once. */
const ALL_PAGE = 100;
const AT_ONCE = 8;

const sameAs = (who: string[], u: GroupUser) =>
  u.principalType !== 'Group' && [u.identifier, u.emailAddress].some((x) => x && who.includes(x.toLowerCase()));

/**
 * The workspaces (of those the signed-in person can see) where this user has a role of their own (Groups_GetGroups,
 * then Groups_GetGroupUsers of each, side by side): Power BI names a user by address or UPN, so both are matched.
 */
export async function workspaceRolesOf(
  settings: Settings,
  names: string[],
  all = false,
): Promise<{ roles: CardWorkspaceRole[]; extent: ReadExtent }> {
  const who = names.filter(Boolean).map((n) => n.toLowerCase());
  // One page one above the cap: a page that comes back short says there are no more, without a second request.
  // Asked for all, every workspace is read (one request each, a few at a time: Power BI's budget is per user).
  const list = all
    ? await powerBiList<{ id: string; name: string }>(settings, '/groups', ALL_PAGE)
    : await powerBiList<{ id: string; name: string }>(settings, '/groups', MAX_WORKSPACES + 1, MAX_WORKSPACES);
  const roles = await inTurns(
    list.items,
    async (ws) => {
      const users = await powerBiList<GroupUser>(settings, path`/groups/${ws.id}/users`, USERS_PAGE).catch((e: unknown) => {
        // A workspace the person may see but not administer lists no users to them: nothing to show there.
        if (hasCode(e, ErrorCodes.forbidden) || hasCode(e, ErrorCodes.notFound)) return { items: [] };
        throw e;
      });
      return users.items
        .filter((u) => sameAs(who, u))
        .map((u) => ({
          workspaceId: ws.id,
          workspaceName: ws.name,
          identifier: u.identifier ?? u.emailAddress ?? '',
          role: u.groupUserAccessRight ?? '',
        }));
    },
    AT_ONCE,
  );
  return { roles: roles.flat(), extent: extentOf(list) };
}

/**
 * Which apps each group is the audience of: from Power BI's admin view of each app the person can open (when they
 * may use it; kept an hour, background/services/powerbi/audience-cache.ts), and the audiences this browser remembers. Group id -> app names,
 * and how old the admin view is (null when it showed nothing and the admin reads are not spent).
 */
export async function audiencesByGroup(
  settings: Settings,
  account: SignedInAccount,
  again = false,
): Promise<{ byGroup: Map<string, string[]>; read: AudienceRead | null }> {
  const byGroup = new Map<string, string[]>();
  const add = (groupId: string, app: string) => byGroup.set(groupId, [...new Set([...(byGroup.get(groupId) ?? []), app])]);
  const [apps, remembered] = await Promise.all([
    powerBiList<{ id: string; name: string }>(settings, '/apps', APPS_PAGE).then(
      (r) => r.items,
      () => [],
    ),
    local.audienceGroups.get(),
  ]);
  const looked = apps.slice(0, MAX_WORKSPACES);
  const { byApp, readAt, backAt } = await appAudiences(
    settings,
    account,
    looked.map((a) => a.id),
    { again },
  );
  for (const app of looked) for (const g of byApp.get(app.id) ?? []) add(g.id, app.name);
  for (const app of apps) {
    const kept = own(remembered, app.id);
    if (kept) add(kept.id, app.name);
  }
  return { byGroup, read: readAt !== null || backAt !== null ? { readAt, backAt } : null };
}

/**
 * Takes the user's own role in a workspace away (Groups_DeleteUserInGroup, the user named as the workspace lists
 * them). Power BI answers an error when they hold none there any more: that is what was asked, said as such.
 */
export async function removeWorkspaceRole(settings: Settings, role: CardWorkspaceRole): Promise<string> {
  try {
    await powerBi(settings, 'DELETE', path`/groups/${role.workspaceId}/users/${role.identifier}`);
    return 'removed';
  } catch (e) {
    if (hasCode(e, ErrorCodes.notFound)) return 'had no role there any more';
    throw e;
  }
}
