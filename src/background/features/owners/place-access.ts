import type { Client } from '@microsoft/microsoft-graph-client';
import type { ExternalAccess, PlaceGrant, PlacePath } from '../../../common/external-access.ts';
import type { CardWorkspaceRole } from '../../../common/guest-card.ts';
import { GROUPS_CAP } from './external-access-azure.ts';
import { atMost, externalPeople, groupMembers, outsiders } from './external-people.ts';

/**
 * What Power BI and Power Platform pages share in "External access here" (issue 27): each way in (an app's audience,
 * a workspace's user, an environment's security group) reaches a user, or each member of a group (transitively, the
 * one pager); the people from outside among them, once per path, with their state, sponsors and last sign-in.
 */

/** Groups expanded at once; at most GROUPS_CAP of them, as on an Azure page. */
const GROUPS_AT_ONCE = 4;

/** One way in, before groups are expanded: to the group its path names, else to a user (by Graph id). */
export interface WayIn {
  path: PlacePath;
  roleName: string;
  broad: string | null;
  user?: { id: string; workspaceRole?: CardWorkspaceRole };
}

const groupOf = (p: PlacePath) => ('group' in p ? p.group : undefined);

export async function placeAccess(
  client: Client,
  scopeWords: string,
  ways: WayIn[],
  notes: string[],
): Promise<ExternalAccess<PlaceGrant>> {
  const groupIds = [...new Set(ways.flatMap((w) => groupOf(w.path)?.id ?? []))];
  const members = new Map(
    await atMost(groupIds.slice(0, GROUPS_CAP), GROUPS_AT_ONCE, async (id) => [id, await groupMembers(client, id)] as const),
  );
  const paths = new Map<string, PlaceGrant[]>();
  const fromGroups = new Set([...members.values()].flatMap((ms) => ms.map((m) => m.userId)));
  const seen = new Set<string>();
  for (const way of ways) {
    const group = groupOf(way.path);
    const people = group ? (members.get(group.id) ?? []) : way.user ? [{ userId: way.user.id }] : [];
    for (const { userId: person, nested } of people) {
      // Through a group nested in this one, that group is the way in, and the one to leave.
      const path = nested ? { ...way.path, group: nested } : way.path;
      // Once per path: the same way in, through the same group (or their own), with the same role.
      const key = [person, way.path.kind, groupOf(path)?.id ?? '', way.roleName].join('|').toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const grant: PlaceGrant = {
        path,
        roleName: way.roleName,
        broad: way.broad,
        ...(!group && way.user?.workspaceRole ? { workspaceRole: way.user.workspaceRole } : {}),
      };
      paths.set(person, [...(paths.get(person) ?? []), grant]);
    }
  }
  // A group's members come with their kind (groupMembers keeps those from outside); a user of their own gets one look,
  // so that only people from outside are read in full.
  const own = [...paths.keys()].filter((id) => !fromGroups.has(id));
  const { people, signIn } = await externalPeople(client, [...fromGroups, ...(await outsiders(client, own))]);
  return {
    scopeWords,
    people: people
      .map((p) => ({ ...p, grants: paths.get(p.id) ?? [] }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    signIn,
    groupsNotRead: groupIds.slice(GROUPS_CAP),
    notes,
  };
}
