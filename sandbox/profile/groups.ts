import type { SandboxGroup, SandboxUser } from '../store.ts';
import { DEPARTMENTS, GUEST_DOMAINS, LAST_NAMES, LOCATIONS, REGIONS, slug, TOPICS } from './names.ts';
import type { Random } from './random.ts';
import { BIG_GUEST, PROFILE_NOW } from './users.ts';

/** The new groups by kind; security groups make up the rest of the count asked for. */
export const GROUP_COUNTS = { microsoft365: 1000, dynamic: 60, nestingParents: 150, bigGuest: 260 };

/** Display names are unique here (a real tenant's need not be), so a test can find a group by its name. */
class GroupNames {
  private readonly used = new Set<string>();

  unique(name: string): string {
    let candidate = name;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${name} ${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

/** Most groups are small, some hold hundreds, a few over a thousand. */
function memberCount(random: Random): number {
  const roll = random.next();
  if (roll < 0.75) return random.int(0, 15);
  if (roll < 0.97) return random.int(15, 80);
  return random.int(100, 1000);
}

function group(random: Random, displayName: string, members: SandboxUser[], owners: SandboxUser[]): SandboxGroup {
  return {
    id: random.uuid(),
    displayName,
    mailNickname: slug(displayName),
    securityEnabled: true,
    mailEnabled: false,
    members: random.sample(members, memberCount(random)).map((u) => u.id),
    owners: random.sample(owners, random.int(1, 2)).map((u) => u.id),
    createdDateTime: random.dateBefore(PROFILE_NOW, 2500),
  };
}

/**
 * Dynamic rules over what generated users carry (type, usage location, names, mail). None admits a seeded user
 * (their location is GB or unset, their domains are not drawn here) nor the big guest.
 */
function dynamicRule(random: Random, i: number): { name: string; rule: string } {
  const domain = GUEST_DOMAINS[i % GUEST_DOMAINS.length] as string;
  if (i < GUEST_DOMAINS.length) {
    return { name: `Guests from ${domain}`, rule: `(user.userType -eq "Guest") and (user.mail -endsWith "@${domain}")` };
  }
  const location = random.pick(LOCATIONS);
  const surname = random.pick(LAST_NAMES);
  return {
    name: `${location} staff named ${surname}`,
    rule: `(user.userType -eq "Member") and (user.usageLocation -eq "${location}") and (user.surname -eq "${surname}")`,
  };
}

/**
 * `count` groups: Microsoft 365 groups, security groups (150 of which hold other groups, two levels deep) and dynamic
 * groups with their rules. The big guest is a direct member of 260 of them, none nested in another group, so their
 * transitive memberships are the same 260. Dynamic groups keep `members` empty: Graph evaluates the rule on read.
 */
export function generateGroups(random: Random, users: SandboxUser[], count: number): SandboxGroup[] {
  const names = new GroupNames();
  // The big guest joins exactly their 260 groups below, and no other by chance.
  const pool = users.filter((u) => u.id !== BIG_GUEST.id);
  const members = users.filter((u) => u.userType === 'Member');
  const word = () => `${random.pick(DEPARTMENTS)} ${random.pick(TOPICS)}`;
  const unified = Array.from({ length: GROUP_COUNTS.microsoft365 }, () => {
    const g = group(random, names.unique(`${word()} ${random.pick(REGIONS)}`), pool, members);
    return { ...g, securityEnabled: false, mailEnabled: true, groupTypes: ['Unified'] };
  });
  const kinds = ['readers', 'editors', 'approvers', 'admins'];
  const security = Array.from({ length: count - GROUP_COUNTS.microsoft365 - GROUP_COUNTS.dynamic }, () =>
    group(random, names.unique(`SG ${word()} ${random.pick(kinds)}`), pool, members),
  );
  const dynamic = Array.from({ length: GROUP_COUNTS.dynamic }, (_, i) => {
    const { name, rule } = dynamicRule(random, i);
    const g = group(random, names.unique(name), [], members);
    return {
      ...g,
      groupTypes: ['DynamicMembership'],
      membershipRule: rule,
      membershipRuleProcessingState: 'On' as const,
    };
  });
  nest(random, security);
  const nested = new Set(security.flatMap((g) => g.members));
  const open = [...unified, ...security].filter((g) => !nested.has(g.id));
  for (const g of random.sample(open, GROUP_COUNTS.bigGuest)) g.members.push(BIG_GUEST.id);
  return [...unified, ...security, ...dynamic];
}

/** The first 30 security groups hold some of the next 120, which hold some of the rest: groups two levels deep. */
function nest(random: Random, security: SandboxGroup[]): void {
  const middle = security.slice(30, GROUP_COUNTS.nestingParents);
  const leaves = security.slice(GROUP_COUNTS.nestingParents);
  security.slice(0, GROUP_COUNTS.nestingParents).forEach((parent, i) => {
    const children = random.sample(i < 30 ? middle : leaves, random.int(2, 4));
    parent.members.push(...children.map((c) => c.id));
  });
}
