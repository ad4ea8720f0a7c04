import type { SandboxUser } from '../store.ts';
import { FIRST_NAMES, GUEST_DOMAINS, LAST_NAMES, LOCATIONS } from './names.ts';
import type { Random } from './random.ts';

/** Everything generated is dated before this, so the profile does not move with the clock. */
export const PROFILE_NOW = '2026-11-15T09:00:00Z';

/** The member a search for "lee" must find among a few hundred Lees (ids are fixed, not drawn). */
export const ANN_LEE = {
  id: '0a11ee00-4a11-4e00-8a11-000000000001',
  displayName: 'Ann Lee',
  userPrincipalName: 'ann.lee@contoso.example',
} as const;

/**
 * The guest who has everything (issue 22): in 260 groups, roles in 40 workspaces, 150 PIM eligibilities. Their home
 * account is a member of Partner Ltd with the seed's password, so they can sign in as any seeded guest does.
 */
export const BIG_GUEST = {
  id: '0b16c0e5-7a00-4e00-8b16-000000000002',
  homeId: '0b16c0e5-7a00-4e00-8b16-000000000003',
  displayName: 'Max Guest',
  mail: 'max.guest@partner.example',
  userPrincipalName: 'max.guest_partner.example#EXT#@contoso.onmicrosoft.com',
} as const;

/** Names taken so far, so that `ann.lee` stays Ann Lee's and each UPN is unique (`jan.park`, `jan.park2`, ...). */
class NamePicker {
  private readonly used = new Map<string, number>([['ann.lee', 1]]);

  constructor(private readonly random: Random) {}

  next(): { givenName: string; surname: string; local: string } {
    let givenName: string;
    let surname: string;
    do {
      givenName = this.random.pick(FIRST_NAMES);
      surname = this.random.pick(LAST_NAMES);
    } while (givenName === 'Ann' && surname === 'Lee');
    const base = `${givenName}.${surname}`.toLowerCase();
    const seen = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, seen);
    return { givenName, surname, local: seen === 1 ? base : `${base}${seen}` };
  }
}

function member(random: Random, names: NamePicker): SandboxUser {
  const { givenName, surname, local } = names.next();
  const upn = `${local}@contoso.example`;
  return {
    id: random.uuid(),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    userPrincipalName: upn,
    mail: upn,
    userType: 'Member',
    createdDateTime: random.dateBefore(PROFILE_NOW, 3000),
    usageLocation: random.pick(LOCATIONS),
    directoryRoles: [],
  };
}

/** A guest as an invitation leaves one: `#EXT#` UPN, mail at home, accepted or still pending. */
function guest(random: Random, names: NamePicker): SandboxUser {
  const { givenName, surname, local } = names.next();
  const mail = `${local}@${random.pick(GUEST_DOMAINS)}`;
  const created = random.dateBefore(PROFILE_NOW, 900);
  const pending = random.chance(0.15);
  return {
    id: random.uuid(),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    userPrincipalName: `${mail.replace('@', '_')}#EXT#@contoso.onmicrosoft.com`,
    mail,
    otherMails: [mail],
    userType: 'Guest',
    externalUserState: pending ? 'PendingAcceptance' : 'Accepted',
    externalUserStateChangeDateTime: pending ? created : random.dateBefore(PROFILE_NOW, 30),
    creationType: 'Invitation',
    createdDateTime: created,
    directoryRoles: [],
  };
}

function bigGuest(): SandboxUser {
  return {
    id: BIG_GUEST.id,
    displayName: BIG_GUEST.displayName,
    givenName: 'Max',
    surname: 'Guest',
    userPrincipalName: BIG_GUEST.userPrincipalName,
    mail: BIG_GUEST.mail,
    otherMails: [BIG_GUEST.mail],
    userType: 'Guest',
    externalUserState: 'Accepted',
    externalUserStateChangeDateTime: '2025-02-03T10:00:00Z',
    creationType: 'Invitation',
    createdDateTime: '2025-02-01T10:00:00Z',
    directoryRoles: [],
  };
}

/** The big guest's account at home, in Partner Ltd: what they sign in with. */
export function bigGuestHome(password: string | undefined): SandboxUser {
  return {
    id: BIG_GUEST.homeId,
    displayName: BIG_GUEST.displayName,
    userPrincipalName: BIG_GUEST.mail,
    mail: BIG_GUEST.mail,
    ...(password ? { password } : {}),
    userType: 'Member',
    directoryRoles: [],
  };
}

/** `members` members (Ann Lee first) and `guests` guests (the big guest first); about half the guests have a sponsor. */
export function generateUsers(random: Random, counts: { members: number; guests: number }): SandboxUser[] {
  const names = new NamePicker(random);
  const ann: SandboxUser = {
    ...member(random, names),
    ...ANN_LEE,
    givenName: 'Ann',
    surname: 'Lee',
    mail: ANN_LEE.userPrincipalName,
  };
  const members = [ann, ...Array.from({ length: counts.members - 1 }, () => member(random, names))];
  const guests = [bigGuest(), ...Array.from({ length: counts.guests - 1 }, () => guest(random, names))];
  for (const g of guests) {
    if (random.chance(0.5)) g.sponsors = [random.pick(members).id];
  }
  return [...members, ...guests];
}
