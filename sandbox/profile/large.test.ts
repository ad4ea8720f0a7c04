import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRule } from '../graph/dynamic-rules.ts';
import { type SandboxState, type SandboxTenant, seedFile } from '../store.ts';
import { scopeList } from './azure.ts';
import { LARGE_PROFILE } from './large.ts';
import { profileState } from './profiles.ts';

const readSeed = () => JSON.parse(readFileSync(seedFile, 'utf8')) as SandboxState;
const contosoOf = (state: SandboxState) => state.tenants.find((t) => t.id === LARGE_PROFILE.tenantId) as SandboxTenant;
/** Making the large tenant takes about a second, several on a busy machine. */
const LARGE_TIMEOUT = 60_000;
const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('the large profile', () => {
  let state: SandboxState;
  let contoso: SandboxTenant;
  const { counts, bigGuest, annLee } = LARGE_PROFILE;
  beforeAll(() => {
    state = profileState(readSeed(), 'large');
    contoso = contosoOf(state);
  }, LARGE_TIMEOUT);

  it(
    'is the same tenant every time it is made',
    () => {
      expect(hash(profileState(readSeed(), 'large'))).toBe(hash(state));
    },
    LARGE_TIMEOUT,
  );

  it('keeps every seeded Contoso object as the seed has it', () => {
    const seed = contosoOf(readSeed());
    const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
    const users = byId(contoso.users);
    for (const u of seed.users) expect(users.get(u.id)).toEqual(u);
    const groups = byId(contoso.groups);
    for (const g of seed.groups) expect(groups.get(g.id)).toEqual(g);
    expect(contoso.applications).toEqual(seed.applications);
    expect(contoso.powerbi?.workspaces).toEqual(expect.arrayContaining(seed.powerbi?.workspaces ?? []));
    expect(contoso.powerbi?.apps).toEqual(expect.arrayContaining(seed.powerbi?.apps ?? []));
    expect(contoso.azure?.roleAssignments).toEqual(expect.arrayContaining(seed.azure?.roleAssignments ?? []));
    expect(contoso.azure?.eligibilitySchedules).toEqual(expect.arrayContaining(seed.azure?.eligibilitySchedules ?? []));
    expect(contoso.azure?.policies).toEqual(seed.azure?.policies);
    expect(contoso.powerPlatform?.environments).toEqual(expect.arrayContaining(seed.powerPlatform?.environments ?? []));
  });

  it('has 25,000 users, 2,000 of them guests as an invitation leaves them, each with a UPN of their own', () => {
    expect(contoso.users).toHaveLength(counts.users);
    const guests = contoso.users.filter((u) => u.userType === 'Guest');
    expect(guests).toHaveLength(counts.guests);
    for (const g of guests) {
      expect(g.userPrincipalName).toMatch(/#EXT#@contoso\.onmicrosoft\.com$/);
      expect(['Accepted', 'PendingAcceptance']).toContain(g.externalUserState);
    }
    expect(new Set(contoso.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(counts.users);
    expect(new Set(contoso.users.map((u) => u.id)).size).toBe(counts.users);
  });

  it('has one Ann Lee, among hundreds a search for "lee" finds', () => {
    const anns = contoso.users.filter((u) => u.displayName === 'Ann Lee');
    expect(anns).toEqual([
      expect.objectContaining({ id: annLee.id, userPrincipalName: 'ann.lee@contoso.example', userType: 'Member' }),
    ]);
    const lees = contoso.users.filter((u) => /(^|\s)lee/i.test(u.displayName));
    expect(lees.length).toBeGreaterThan(300);
  });

  it('has 3,000 groups: Microsoft 365, nested and dynamic ones whose rules Graph takes', () => {
    expect(contoso.groups).toHaveLength(counts.groups);
    expect(contoso.groups.filter((g) => g.groupTypes?.includes('Unified')).length).toBeGreaterThanOrEqual(
      counts.microsoft365Groups,
    );
    const ids = new Set(contoso.groups.map((g) => g.id));
    expect(contoso.groups.filter((g) => g.members.some((m) => ids.has(m))).length).toBeGreaterThan(100);
    const dynamic = contoso.groups.filter((g) => g.groupTypes?.includes('DynamicMembership') && g.membershipRule);
    expect(dynamic.length).toBeGreaterThanOrEqual(counts.dynamicGroups);
    const seeded = contosoOf(readSeed()).users;
    const outsiders = [...seeded, ...contoso.users.filter((u) => u.id === bigGuest.id)];
    for (const g of dynamic) {
      const admits = compileRule(g.membershipRule as string);
      expect(outsiders.filter(admits)).toEqual([]);
    }
  });

  it('puts the big guest in 260 groups directly, none of them inside another group', () => {
    const theirs = contoso.groups.filter((g) => g.members.includes(bigGuest.id));
    expect(theirs).toHaveLength(bigGuest.groups);
    const inside = new Set(contoso.groups.flatMap((g) => g.members));
    expect(theirs.filter((g) => inside.has(g.id))).toEqual([]);
  });

  it('has 320 workspaces, the big guest in 40, and 150 apps, one per workspace', () => {
    const workspaces = contoso.powerbi?.workspaces ?? [];
    expect(workspaces).toHaveLength(counts.workspaces);
    expect(workspaces.filter((w) => w.users.some((u) => u.identifier === bigGuest.mail))).toHaveLength(bigGuest.workspaces);
    const apps = contoso.powerbi?.apps ?? [];
    expect(apps).toHaveLength(counts.apps);
    expect(new Set(apps.map((a) => a.workspaceId)).size).toBe(counts.apps);
  });

  it('has 400 role assignments and the big guest 150 eligibilities, over 60 scopes', () => {
    const azure = contoso.azure;
    const scopes = scopeList(azure?.subscriptions ?? []);
    expect(scopes).toHaveLength(counts.scopes);
    expect(azure?.roleAssignments).toHaveLength(counts.roleAssignments);
    const eligible = azure?.eligibilitySchedules.filter((e) => e.principalId === bigGuest.id) ?? [];
    expect(eligible).toHaveLength(bigGuest.eligibilities);
    expect(new Set(eligible.map((e) => e.scope))).toEqual(new Set(scopes));
    expect(azure?.roleAssignments.filter((a) => a.principalId === bigGuest.id)).toHaveLength(bigGuest.roleAssignments);
    expect(azure?.customRoles).toHaveLength(counts.customRoles);
  });

  it('has 40 environments, and the big guest can sign in from Partner Ltd', () => {
    expect(contoso.powerPlatform?.environments).toHaveLength(counts.environments);
    const home = state.tenants.flatMap((t) => t.users).find((u) => u.id === bigGuest.homeId);
    expect(home).toMatchObject({ userPrincipalName: bigGuest.mail, userType: 'Member', password: expect.any(String) });
  });
});
