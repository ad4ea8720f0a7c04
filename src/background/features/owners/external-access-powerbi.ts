import type { Client } from '@microsoft/microsoft-graph-client';
import type { Settings } from '../../../common/config.ts';
import { AppError, ErrorCodes, errorWords, hasCode } from '../../../common/errors.ts';
import type { ExternalAccess, PlaceGrant } from '../../../common/external-access.ts';
import { t } from '../../../common/i18n.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { PageContext } from '../../../common/page-context.ts';
import { local } from '../../../common/storage.ts';
import { own } from '../../../logic/own.ts';
import { graphList } from '../../services/graph/list.ts';
import { odataString } from '../../services/graph/odata.ts';
import { appAudiences } from '../../services/powerbi/audience-cache.ts';
import { powerBi, powerBiList } from '../../services/powerbi/client.ts';
import { type GroupUser, getApp } from '../../services/powerbi/workspaces.ts';
import { path } from '../../services/url-path.ts';
import { atMost } from './external-people.ts';
import { placeAccess, type WayIn } from './place-access.ts';

/**
 * "External access here" on a Power BI app or workspace (issue 27). An app: its audience groups (Power BI's admin
 * view, kept an hour as the invite form keeps it, or the group this browser published it to) and its workspace's
 * users. A workspace: its users. A workspace user is a user (named by address or UPN: Groups - Get Group Users gives
 * no Graph id outside the admin APIs) or a group (named by its object id).
 */

/** A workspace's users asked a page at a time; Graph takes at most 15 values in one `in`. */
const USERS_PAGE = 100;
const IN_LIMIT = 15;

/**
 * Why a workspace role is broad, by what it permits (learn: fabric/fundamentals/roles-workspaces): an Admin adds and
 * removes anyone, admins included; a Member adds people and shares, publishes and updates the app. A Contributor
 * changes content but not who gets in; a Viewer reads.
 */
export function workspaceRoleBroad(role: string): string | null {
  if (role === 'Admin') return t('externalBroadWorkspaceAdmin');
  if (role === 'Member') return t('externalBroadWorkspaceMember');
  return null;
}

/** Users named by address or UPN, as Power BI names them, to their Graph ids (lower-case name -> id). */
async function usersByName(client: Client, names: string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(names.map((n) => n.toLowerCase()))];
  const chunks = Array.from({ length: Math.ceil(distinct.length / IN_LIMIT) }, (_, i) =>
    distinct.slice(i * IN_LIMIT, (i + 1) * IN_LIMIT),
  );
  const found = new Map<string, string>();
  await atMost(chunks, 3, async (part) => {
    const list = part.map(odataString).join(',');
    const filter = `mail in (${list}) or userPrincipalName in (${list})`;
    const first = client.api(`/users?$filter=${encodeURIComponent(filter)}&$select=id,mail,userPrincipalName`).get();
    for (const u of (await graphList<{ id: string; mail?: string | null; userPrincipalName?: string }>(client, first)).items) {
      for (const name of [u.mail, u.userPrincipalName]) if (name) found.set(name.toLowerCase(), u.id);
    }
  });
  return found;
}

/** The workspace's name and its users as ways in; a workspace the caller may not administer is said in a note. */
async function workspaceWays(
  settings: Settings,
  client: Client,
  id: string,
  notes: string[],
): Promise<{ name: string; ways: WayIn[] }> {
  const ws = await powerBi<{ id: string; name: string }>(settings, 'GET', path`/groups/${id}`).catch(() => ({ id, name: id }));
  let users: GroupUser[];
  try {
    users = (await powerBiList<GroupUser>(settings, path`/groups/${id}/users`, USERS_PAGE)).items;
  } catch (e) {
    // Only its Admins and Members see a workspace's access list.
    if (!hasCode(e, ErrorCodes.forbidden) && !hasCode(e, ErrorCodes.notFound)) throw e;
    notes.push(t('externalWorkspaceNotRead', ws.name, errorWords(e)));
    return { name: ws.name, ways: [] };
  }
  const named = users.filter((u) => u.principalType === 'User' && u.identifier);
  const ids = await usersByName(
    client,
    named.map((u) => u.identifier ?? ''),
  );
  const ways = users.flatMap((u): WayIn[] => {
    const role = u.groupUserAccessRight ?? '';
    const common = { roleName: role, broad: workspaceRoleBroad(role) };
    const workspace = ws.name;
    if (u.principalType === 'Group' && u.identifier) {
      const group = { id: u.identifier, displayName: u.displayName ?? u.identifier };
      return [{ ...common, path: { kind: 'workspace', workspace, group } }];
    }
    const id = u.principalType === 'User' && u.identifier ? ids.get(u.identifier.toLowerCase()) : undefined;
    if (!id || !u.identifier) return [];
    const workspaceRole = { workspaceId: ws.id, workspaceName: ws.name, identifier: u.identifier, role };
    return [{ ...common, path: { kind: 'workspace', workspace }, user: { id, workspaceRole } }];
  });
  return { name: ws.name, ways };
}

/** The app's audience groups as ways in; when neither Power BI's admin view nor this browser knows them, a note. */
async function audienceWays(
  settings: Settings,
  account: SignedInAccount,
  app: { id: string; name: string },
  notes: string[],
): Promise<WayIn[]> {
  const admin = (await appAudiences(settings, account, [app.id])).byApp.get(app.id) ?? null;
  const remembered = own(await local.audienceGroups.get(), app.id);
  const groups = admin?.length ? admin : remembered ? [remembered] : [];
  if (!groups.length) notes.push(t('externalAudienceNotRead', app.name));
  return groups.map((group) => ({
    path: { kind: 'audience', app: app.name, group },
    roleName: t('externalAudienceRole'),
    broad: null,
  }));
}

export async function externalAccessPowerBi(
  settings: Settings,
  account: SignedInAccount,
  client: Client,
  context: PageContext,
): Promise<ExternalAccess<PlaceGrant>> {
  if (context.kind !== 'powerbi-app' && context.kind !== 'powerbi-workspace')
    throw new AppError(ErrorCodes.badMessage, 'not a Power BI page');
  const app = context.kind === 'powerbi-app' ? await getApp(settings, context.appId) : undefined;
  const workspaceId = app?.workspaceId ?? context.workspaceId;
  const notes: string[] = [];
  const [audience, workspace] = await Promise.all([
    app ? audienceWays(settings, account, app, notes) : Promise.resolve([]),
    workspaceId ? workspaceWays(settings, client, workspaceId, notes) : Promise.resolve({ name: '', ways: [] }),
  ]);
  return placeAccess(client, app?.name ?? workspace.name, [...audience, ...workspace.ways], notes);
}
