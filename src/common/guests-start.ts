import type { ReadExtent } from '../logic/listed.ts';

/**
 * What the Guests tab shows before any search (issue 25): the invitations this admin made from this browser, and the
 * tenant's guests who have not accepted theirs yet. Each list is read to a cap the view states.
 */

/** Recent invitations shown: the newest few, from this browser's own records. */
export const RECENT_SHOWN = 10;
/** Pending guests shown: the newest, from one page of Graph's answer with its count. */
export const PENDING_SHOWN = 25;

/** Where an invitation this admin made stands, as this browser knows it. */
export type RecentState = 'sending' | 'invited' | 'resent' | 'reset' | 'failed';

export interface RecentInvitation {
  email: string;
  /** The guest's name, when this browser still holds the invitation (older ones are known by address only). */
  name: string | null;
  /** When it was sent (ms). */
  at: number;
  state: RecentState;
  /** The guest's object id, when the invitation said it: the card opens at once. */
  guestId?: string;
  /** Why it failed, in words. */
  error?: string;
}

export interface RecentInvitations {
  invitations: RecentInvitation[];
  extent: ReadExtent;
}

/** A guest who has not accepted their invitation (Graph's externalUserState PendingAcceptance). */
export interface PendingGuest {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  /** Since when they have been pending: the last change of their state (a reset starts it again), else their creation. */
  pendingSince: string | null;
}

export interface PendingGuests {
  guests: PendingGuest[];
  extent: ReadExtent;
}
