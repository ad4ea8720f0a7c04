import type { CardAzureRole, CardWorkspaceRole } from './guest-card.ts';
import type { Governance } from './lifecycle-governance.ts';

/**
 * Who from outside the tenant can get in on the page (issue 27, "External access here"): each person once per path,
 * with what the owner asks about them. Built by background/features/owners/external-access-azure.ts (an Azure scope)
 * and external-access-places.ts (a Power BI app or workspace, a Power Platform environment), shown by
 * popup/owners/ExternalAccessHere.tsx.
 */

type Named = { id: string; displayName: string };

/** How an Azure grant reaches the person: their own at this scope, through a group, or from a scope above. */
export type AccessPath =
  | { kind: 'direct' }
  /**
   * Through the group holding the role; `nested`: the group inside it the person is a member of, which is the one
   * they leave (leaving the outer group would end nothing for them).
   */
  | { kind: 'group'; group: Named; nested?: Named }
  | { kind: 'inherited'; scopeWords: string };

/**
 * How a Power BI or Power Platform grant reaches the person: the app's audience, the workspace's users, the
 * environment's security group, or its Dataverse users; `group` when through a group (taken back by leaving it).
 */
export type PlacePath =
  | { kind: 'audience'; app: string; group?: Named }
  | { kind: 'workspace'; workspace: string; group?: Named }
  | { kind: 'securityGroup'; environment: string; group: Named }
  | { kind: 'dataverse'; environment: string };

export interface AzureGrant {
  path: AccessPath;
  /** The role as the guest card's removal takes it: where it sits, how it is ended. */
  role: CardAzureRole;
  eligible: boolean;
  /** Why the role is broad (what it permits), or null: the invite form's rule. */
  broad: string | null;
}

/** A grant in Power BI or Power Platform: never eligible, with no end date. */
export interface PlaceGrant {
  path: PlacePath;
  /** What it gives, in the service's words: a workspace role (Viewer), an app's audience (Read), a member. */
  roleName: string;
  /** A workspace user of their own: as the guest card's removal names them. */
  workspaceRole?: CardWorkspaceRole;
  /** Why the grant is broad (what it permits), or null. */
  broad: string | null;
}

export type ExternalGrant = AzureGrant | PlaceGrant;

export const isAzureGrant = (g: ExternalGrant): g is AzureGrant => 'role' in g;

/** What Graph said about sign-in activity: read, or refused for the licence or the permission. */
export type SignInRead = 'read' | 'needsP1' | 'notPermitted';

export interface ExternalPerson<G extends ExternalGrant = ExternalGrant> {
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
  /** A guest under the guest lifecycle policies (issue 27): their standing is said beside them; none for a member. */
  governance?: Governance;
  grants: G[];
}

export interface ExternalAccess<G extends ExternalGrant = ExternalGrant> {
  /** The Azure scope; none on a Power BI or Power Platform page. */
  scope?: string;
  /** The place in words: a scope, an app, a workspace, an environment. */
  scopeWords: string;
  people: ExternalPerson<G>[];
  signIn: SignInRead;
  /** Groups not expanded (more than the cap), named so the view can say what it did not read. */
  groupsNotRead: string[];
  /** What could not be read, or what the list means, in words (an environment open to the whole tenant). */
  notes?: string[];
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
  // Power BI's and Power Platform's grants have no end: only Azure's are told apart (the view offers it there only).
  permanent: (_p: ExternalPerson, g: ExternalGrant) => !isAzureGrant(g) || g.role.end === null,
  broadRole: (_p: ExternalPerson, g: ExternalGrant) => g.broad !== null,
} satisfies Record<string, (p: ExternalPerson, g: ExternalGrant, read: SignInRead, now: number) => boolean>;

export type ExternalFilter = keyof typeof EXTERNAL_FILTERS;
export const EXTERNAL_FILTER_NAMES = Object.keys(EXTERNAL_FILTERS) as ExternalFilter[];
