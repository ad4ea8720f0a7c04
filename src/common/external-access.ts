import type { CardAzureRole } from './guest-card.ts';

/**
 * Who from outside the tenant can get in at an Azure scope (issue 27, "External access here"): each person once per
 * path, with what the owner asks about them. Built by background/features/owners/external-access-azure.ts, shown by
 * popup/owners/ExternalAccessHere.tsx.
 */

/** How a grant reaches the person: their own at this scope, through a group, or from a scope above. */
export type AccessPath =
  | { kind: 'direct' }
  /**
   * Through the group holding the role; `nested`: the group inside it the person is a member of, which is the one
   * they leave (leaving the outer group would end nothing for them).
   */
  | { kind: 'group'; group: { id: string; displayName: string }; nested?: { id: string; displayName: string } }
  | { kind: 'inherited'; scopeWords: string };

export interface ExternalGrant {
  path: AccessPath;
  /** The role as the guest card's removal takes it: where it sits, how it is ended. */
  role: CardAzureRole;
  eligible: boolean;
  /** Why the role is broad (what it permits), or null: the invite form's rule. */
  broad: string | null;
}

/** What Graph said about sign-in activity: read, or refused for the licence or the permission. */
export type SignInRead = 'read' | 'needsP1' | 'notPermitted';

export interface ExternalPerson {
  id: string;
  displayName: string;
  mail: string;
  /** A guest (userType Guest), or a member who came from outside (an #EXT# name or an invitation). */
  kind: 'guest' | 'externalMember';
  /** `externalUserState` and since when: PendingAcceptance is an invitation not yet redeemed. */
  invitation: { state: string | null; since: string | null };
  sponsors: { id: string; displayName: string }[];
  /** The last sign-in, interactive or not; null: never (when `signIn` is `read`). */
  lastSignIn: string | null;
  grants: ExternalGrant[];
}

export interface ExternalAccess {
  scope: string;
  scopeWords: string;
  people: ExternalPerson[];
  signIn: SignInRead;
  /** Groups not expanded (more than the cap), named so the view can say what it did not read. */
  groupsNotRead: string[];
}

const DAY = 86_400_000;

/** The filters people use (issue 27), each a test on one person and one of their paths. */
export const EXTERNAL_FILTERS = {
  neverSignedIn: (p: ExternalPerson, _g: ExternalGrant, read: SignInRead) => read === 'read' && p.lastSignIn === null,
  inactive90: (p: ExternalPerson, _g: ExternalGrant, read: SignInRead, now: number) =>
    read === 'read' && (p.lastSignIn === null || Date.parse(p.lastSignIn) < now - 90 * DAY),
  pending30: (p: ExternalPerson, _g: ExternalGrant, _r: SignInRead, now: number) =>
    p.invitation.state === 'PendingAcceptance' && !!p.invitation.since && Date.parse(p.invitation.since) < now - 30 * DAY,
  noSponsor: (p: ExternalPerson) => p.sponsors.length === 0,
  permanent: (_p: ExternalPerson, g: ExternalGrant) => g.role.end === null,
  broadRole: (_p: ExternalPerson, g: ExternalGrant) => g.broad !== null,
} satisfies Record<string, (p: ExternalPerson, g: ExternalGrant, read: SignInRead, now: number) => boolean>;

export type ExternalFilter = keyof typeof EXTERNAL_FILTERS;
export const EXTERNAL_FILTER_NAMES = Object.keys(EXTERNAL_FILTERS) as ExternalFilter[];
