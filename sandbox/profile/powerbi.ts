import type { SandboxGroup, SandboxPowerBi, SandboxPowerBiApp, SandboxUser, SandboxWorkspace } from '../store.ts';
import { DEPARTMENTS, REGIONS, TOPICS } from './names.ts';
import type { Random } from './random.ts';
import { BIG_GUEST, PROFILE_NOW } from './users.ts';

type Access = SandboxWorkspace['users'][number];

const RIGHTS = ['Viewer', 'Contributor', 'Member', 'Admin'];

/** How Power BI names a user in a workspace: by sign-in address (a guest's is their mail, as in the seed). */
const userAccess = (u: SandboxUser, right: string): Access => ({
  identifier: (u.userType === 'Guest' ? u.mail : u.userPrincipalName) ?? u.userPrincipalName,
  principalType: 'User',
  groupUserAccessRight: right,
});

/**
 * Workspaces up to `counts.workspaces` in all and apps up to `counts.apps` (one per workspace, as Power BI allows),
 * beside the seeded ones. The big guest holds a role in `counts.bigGuest` of the new workspaces, directly.
 */
export function generatePowerBi(
  random: Random,
  seeded: SandboxPowerBi,
  users: SandboxUser[],
  groups: SandboxGroup[],
  powerBiAdmin: SandboxUser,
  counts: { workspaces: number; apps: number; bigGuest: number },
): SandboxPowerBi {
  const members = users.filter((u) => u.userType === 'Member');
  const others = users.filter((u) => u.id !== BIG_GUEST.id);
  const bigGuest = users.find((u) => u.id === BIG_GUEST.id);

  const security = groups.filter((g) => g.securityEnabled && !g.groupTypes?.includes('DynamicMembership'));
  const capacities = (seeded.capacities ?? []).map((c) => c.id);
  // Names are unique, seeded ones included: `taken` counts every workspace there will be.
  const taken = new Set((seeded.workspaces ?? []).map((w) => w.name));
  const workspaces: SandboxWorkspace[] = [];
  const publisher = new Map<string, string>();
  while (taken.size < counts.workspaces) {
    const name = `${random.pick(DEPARTMENTS)} ${random.pick(TOPICS)} ${random.pick(REGIONS)}`;
    if (taken.has(name)) continue;
    taken.add(name);
    const admin = random.pick(members);
    const users = [
      userAccess(admin, 'Admin'),
      // The seed's Power BI administrator (the sandbox's signed-in admin) administers every workspace, as a tenant's
      // Power BI team often does: the card of a guest in 40 of 320 workspaces has all 320 to read.
      userAccess(powerBiAdmin, 'Admin'),
      ...random.sample(others, random.int(0, 6)).map((u) => userAccess(u, random.pick(RIGHTS))),
    ];
    if (random.chance(0.3))
      users.push({ identifier: random.pick(security).id, principalType: 'Group', groupUserAccessRight: 'Viewer' });
    const id = random.uuid();
    publisher.set(id, admin.displayName);
    workspaces.push({
      id,
      name,
      ...(random.chance(0.6) && capacities.length ? { capacityId: random.pick(capacities) } : {}),
      users: users.filter((a, i) => users.findIndex((b) => b.identifier === a.identifier) === i),
    });
  }
  if (bigGuest) {
    for (const ws of random.sample(workspaces, counts.bigGuest)) ws.users.push(userAccess(bigGuest, random.pick(RIGHTS)));
  }
  const apps: SandboxPowerBiApp[] = random.sample(workspaces, counts.apps - seeded.apps.length).map((ws) => ({
    id: random.uuid(),
    name: ws.name,
    workspaceId: ws.id,
    description: `${ws.name} for partners`,
    publishedBy: publisher.get(ws.id) ?? '',
    lastUpdate: random.dateBefore(PROFILE_NOW, 365),
    audienceGroupIds: random.sample(security, random.int(1, 2)).map((g) => g.id),
  }));
  return {
    ...seeded,
    workspaces: [...(seeded.workspaces ?? []), ...workspaces],
    apps: [...seeded.apps, ...apps],
  };
}
