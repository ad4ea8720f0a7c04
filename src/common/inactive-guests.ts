import type { ReadExtent } from '../logic/listed.ts';
import type { SignInRead } from './external-access.ts';

/**
 * The tenant's inactive guests (issue 27, Guests tab): who never redeemed an invitation after N days, and who has not
 * signed in for N days, each with their access in one line, to disable (and enable again) or delete many at once.
 * Read by background/features/owners/inactive-guests.ts, shown by popup/owners/InactiveGuests.tsx.
 */

/** The admin's two questions as they first appear. */
export const REDEEM_DAYS = 30;
export const SIGN_IN_DAYS = 90;
/** Each question's list is read to this many users; the view says so when there were more. */
export const INACTIVE_READ_CAP = 1000;

export interface InactiveGuest {
  id: string;
  displayName: string;
  mail: string;
  userPrincipalName: string;
  userType: string;
  /** `externalUserState` (PendingAcceptance: the invitation is not redeemed). */
  state: string | null;
  /** Pending since (the last change of state, else creation), when pending. */
  pendingSince: string | null;
  /** Last sign-in, interactive or not; null: never, or not known (see `signIn`). */
  lastSignIn: string | null;
  enabled: boolean;
  licenses: number;
  /** Groups they are in, nested ones included; `groupsMore`: at least this many (a first page only was read). */
  groups: number | null;
  groupsMore: boolean;
  /** Which question found them. */
  found: 'neverRedeemed' | 'notSignedIn';
}

export interface InactiveGuests {
  guests: InactiveGuest[];
  neverRedeemed: ReadExtent;
  /** Null: not asked, sign-in activity being refused (see `signIn`). */
  notSignedIn: ReadExtent | null;
  signIn: SignInRead;
}
