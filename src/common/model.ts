import type { InvitePermission } from '../logic/invite-policy.ts';
/** Model types shared by the popup and the background, in the user's words. */
import { t } from './i18n.ts';
import type { InvitationRequest } from './invite-schema.ts';
import type { PageContext } from './page-context.ts';

export type { PageContext };

export interface SignedInAccount {
  /** The user's object id in this tenant. */
  id: string;
  username: string;
  name: string;
  tenantId: string;
  tenantName?: string;
  /** The tenant's verified domains, lower case, when Graph could be asked. */
  tenantDomains?: string[];
  /** Signed in from another organization (home tenant elsewhere): the popup leads with My access. */
  guest?: boolean;
}

export interface SessionState {
  account: SignedInAccount | null;
  /** True when a session existed but a silent renewal needs the person to sign in again. */
  interactionRequired: boolean;
  cloud: 'sandbox' | 'microsoft';
}

export interface PageInfo {
  context: PageContext | null;
  url: string | null;
  description: string | null;
}

export type GuestState = 'PendingAcceptance' | 'Accepted' | null;

/** A guest's invitation state in words; Graph's own value for any other. */
export function guestStateWords(state: string): string {
  if (state === 'PendingAcceptance') return t('guestPendingAcceptance');
  return state === 'Accepted' ? t('myAccessAccepted') : state;
}

export interface ExistingUser {
  id: string;
  displayName: string;
  email: string;
  userPrincipalName: string;
  userType: string;
  /** Created by an invitation (a B2B guest, or a B2B member), as opposed to a user of this organization. */
  invited: boolean;
  state: GuestState;
}

export interface Precheck {
  invite: InvitePermission;
  existing: ExistingUser | null;
}

export type { InvitationRequest };

export interface InvitationResult {
  guest: { id: string; displayName: string; email: string; userPrincipalName: string; userType: string; state: GuestState };
  status: string;
  redeemUrl: string;
  /** True when the address already belonged to a guest of this tenant: no new user was created. */
  existing: boolean;
}

export interface InviteDraft {
  email: string;
  displayName: string;
  message: string;
  redirectUrl: string;
  sendEmail: boolean;
  userType: 'Guest' | 'Member';
  sponsor?: { id: string; displayName: string };
}
