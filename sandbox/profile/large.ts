import type { SandboxState, SandboxTenant } from '../store.ts';
import { generateAzure } from './azure.ts';
import { GROUP_COUNTS, generateGroups } from './groups.ts';
import { generatePowerBi } from './powerbi.ts';
import { generatePowerPlatform } from './powerplatform.ts';
import { Random } from './random.ts';
import { ANN_LEE, BIG_GUEST, bigGuestHome, generateUsers } from './users.ts';

const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const PARTNER = '9d4c2b1a-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';

/**
 * The large-tenant profile (issue 22): Contoso at a real tenant's size, on top of the seed, whose every object stays
 * as it is. Counts are Contoso's totals, seeded objects included. What tests and the bench name:
 * - `annLee`: the one member named "Ann Lee" (ann.lee@contoso.example), among some 400 users a search for "lee" finds.
 * - `bigGuest`: max.guest@partner.example, a direct member of 260 groups (none nested, so transitively the same
 *   260), with a role in 40 of the 320 workspaces, 12 Azure role assignments and 150 PIM eligibilities spread over
 *   all 60 scopes. Their home account is in Partner Ltd with the seed's password.
 * Azure's roles are ARM's own list (every built-in role, sandbox/arm/roles.ts); the profile adds four custom roles
 * in `azure.customRoles`.
 */
export const LARGE_PROFILE = {
  name: 'large',
  seed: 22,
  tenantId: CONTOSO,
  annLee: ANN_LEE,
  bigGuest: { ...BIG_GUEST, groups: GROUP_COUNTS.bigGuest, workspaces: 40, roleAssignments: 12, eligibilities: 150 },
  counts: {
    users: 25_000,
    guests: 2_000,
    groups: 3_000,
    dynamicGroups: GROUP_COUNTS.dynamic,
    microsoft365Groups: GROUP_COUNTS.microsoft365,
    workspaces: 320,
    apps: 150,
    scopes: 60,
    roleAssignments: 400,
    customRoles: 4,
    environments: 40,
  },
} as const;

function tenant(state: SandboxState, id: string): SandboxTenant {
  const found = state.tenants.find((t) => t.id === id);
  if (!found) throw new Error(`the seed has no tenant ${id}`);
  return found;
}

/** Grows the seeded state (changed in place, and returned) into the large profile; the same every time. */
export function growLarge(state: SandboxState): SandboxState {
  const random = new Random(LARGE_PROFILE.seed);
  const { counts, bigGuest } = LARGE_PROFILE;
  const contoso = tenant(state, CONTOSO);
  const partner = tenant(state, PARTNER);
  const seededGuests = contoso.users.filter((u) => u.userType === 'Guest').length;
  const users = generateUsers(random, {
    members: counts.users - counts.guests - (contoso.users.length - seededGuests),
    guests: counts.guests - seededGuests,
  });
  const groups = generateGroups(random, users, counts.groups - contoso.groups.length);
  const megan = contoso.users.find((u) => u.id === MEGAN);
  if (!contoso.powerbi || !contoso.azure || !contoso.powerPlatform || !megan) throw new Error('the seed lost Contoso');
  contoso.powerbi = generatePowerBi(random, contoso.powerbi, users, groups, megan, {
    workspaces: counts.workspaces,
    apps: counts.apps,
    bigGuest: bigGuest.workspaces,
  });
  contoso.azure = generateAzure(random, contoso.azure, users, groups, {
    scopes: counts.scopes,
    assignments: counts.roleAssignments,
    eligibilities: bigGuest.eligibilities,
    bigGuestAssignments: bigGuest.roleAssignments,
  });
  contoso.powerPlatform = generatePowerPlatform(random, contoso.powerPlatform, groups, megan, counts.environments);
  contoso.users.push(...users);
  contoso.groups.push(...groups);
  const seedPassword = partner.users.find((u) => u.password)?.password;
  partner.users.push(bigGuestHome(seedPassword));
  return state;
}
