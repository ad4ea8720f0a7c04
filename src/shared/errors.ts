import { own } from './own.ts';

/** Error codes every context understands. The UI switches on `code`, never on message text. */
export const ErrorCodes = {
  notSignedIn: 'not_signed_in',
  interactionRequired: 'interaction_required',
  signInCancelled: 'sign_in_cancelled',
  signInFailed: 'sign_in_failed',
  authExpired: 'auth_expired',
  forbidden: 'forbidden',
  missingScope: 'missing_scope',
  invitesNotAllowed: 'invites_not_allowed',
  memberInviteNotAllowed: 'member_invite_not_allowed',
  invalidEmail: 'invalid_email',
  invalidRedirectUrl: 'invalid_redirect_url',
  domainIsInternal: 'domain_is_internal',
  userExistsAsMember: 'user_exists_as_member',
  badRequest: 'bad_request',
  notFound: 'not_found',
  throttled: 'throttled',
  serviceUnavailable: 'service_unavailable',
  network: 'network',
  notConfigured: 'not_configured',
  badMessage: 'bad_message',
  usageLocationRequired: 'usage_location_required',
  principalNotFound: 'principal_not_found',
  invalidUsageLocation: 'invalid_usage_location',
  invalidSchedule: 'invalid_schedule',
  roleAssignmentExists: 'role_assignment_exists',
  bulkJobBusy: 'bulk_job_busy',
  bulkJobState: 'bulk_job_state',
  bulkFileEmpty: 'bulk_file_empty',
  bulkFileTooLarge: 'bulk_file_too_large',
  bulkTooManyRows: 'bulk_too_many_rows',
  bulkJobInvalid: 'bulk_job_invalid',
  bulkRoleRefused: 'bulk_role_refused',
  invalidScope: 'invalid_scope',
  resetAddressMismatch: 'reset_address_mismatch',
  claimsChallenge: 'claims_challenge',
  policyRefused: 'policy_refused',
  activeTooShort: 'active_too_short',
  requestPending: 'request_pending',
  invalidActivation: 'invalid_activation',
  domainBlocked: 'domain_blocked',
  crossTenantBlocked: 'cross_tenant_blocked',
  unknown: 'unknown',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** A sentence a person can act on, per code. */
export const errorMessages: Record<ErrorCode, string> = {
  not_signed_in: 'You are not signed in. Sign in to continue.',
  interaction_required: 'Your sign-in has expired. Sign in again to continue.',
  sign_in_cancelled: 'Sign-in was cancelled. Nothing was changed.',
  sign_in_failed: 'Sign-in did not complete. Check the tenant and client id in Options, then try again.',
  auth_expired: 'Your session expired. Sign in again to continue.',
  forbidden: 'Your account is not allowed to do this in this tenant.',
  missing_scope:
    'This app registration has not been granted User.Invite.All, so it cannot invite guests. Ask an admin to grant consent for it in Entra ID (App registrations › API permissions), then sign in again.',
  invites_not_allowed:
    "Your tenant's external collaboration settings do not let you invite guests. An admin can allow it in Entra ID › External Identities › External collaboration settings, or give you the Guest Inviter role.",
  member_invite_not_allowed: 'Only an administrator can invite someone as a Member. Invite them as a Guest instead.',
  invalid_email: 'That e-mail address is not valid.',
  invalid_redirect_url: 'The redirect URL must be an https:// address.',
  domain_is_internal: 'That address belongs to this organization, so there is no one to invite as a guest.',
  user_exists_as_member: 'Someone with that address is already a member of this organization.',
  bad_request: 'Microsoft Graph rejected the request.',
  not_found: 'That item no longer exists.',
  throttled: 'Microsoft is busy right now (too many requests). Wait a minute and try again.',
  service_unavailable: 'The Microsoft service is unavailable right now. Try again in a moment.',
  network: 'Could not reach Microsoft. Check your connection and try again.',
  not_configured: 'Set your tenant and client id in Options first.',
  bad_message: 'The extension received a message it does not understand.',
  principal_not_found: 'Azure does not see the new guest yet. Try the role again in a minute; the invitation itself was sent.',
  usage_location_required:
    'This guest has no usage location, which Microsoft requires before a license can be assigned. Choose the country where they will use it.',
  invalid_usage_location: 'The usage location must be a two-letter country code, such as NL or US.',
  invalid_schedule: 'The role schedule cannot be used as chosen.',
  role_assignment_exists: 'This guest already has that role at this scope.',
  bulk_job_busy: 'A bulk invitation is still running or paused. Let it finish, or cancel it, before starting another.',
  bulk_job_state: 'The bulk invitation has moved on since this was shown; the popup now shows where it is.',
  bulk_file_too_large: 'The file is larger than 20 MB, far more than a bulk-invite list; check that it is the right file.',
  bulk_file_empty: 'The file has no row that can be invited. Check that it is a CSV with an e-mail column.',
  bulk_too_many_rows: 'The file has more than 50,000 rows. Split it into files of at most 50,000 rows; nothing was sent.',
  bulk_role_refused: 'This role is not given in bulk here; give it to one guest at a time from the invite form.',
  bulk_job_invalid:
    'The stored bulk job did not pass its checks (an address, link, scope or role in it is not one the extension would have written), so none of it was run. Clear it and prepare the file again.',
  invalid_scope:
    'This page names an Azure resource in a form the extension does not accept, so nothing was read or granted there. Open the resource from the portal itself and try again.',
  reset_address_mismatch:
    'Redemption can only be reset for the guest who has this address. Check the address; nothing was changed.',
  claims_challenge:
    'This role asks you to confirm your sign-in (multi-factor or a Conditional Access check) before it is activated. Confirm it and the activation is sent once more.',
  policy_refused: "The role's policy refused the request.",
  active_too_short:
    'Azure does not end an activation in its first five minutes. Try again once five minutes have passed since it started.',
  request_pending: 'A request for this role is already waiting for approval.',
  invalid_activation: 'The activation cannot be sent as filled in.',
  domain_blocked:
    "Your organization's collaboration restrictions do not allow invitations to this domain (an allow list it is not on, or a deny list it is on). No user was created. A Global Administrator can change it in Entra ID › External Identities › External collaboration settings › Collaboration restrictions.",
  cross_tenant_blocked:
    "Your organization's cross-tenant access settings block B2B collaboration with this organization. No user was created. An administrator can change it in Entra ID › External Identities › Cross-tenant access settings: the organization's own entry, or the default (Outbound access › B2B collaboration).",
  unknown: 'Something went wrong.',
};

/** The one error class that crosses contexts: serialized as `{ code, message, detail }`, rethrown with the same code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(errorMessages[code], options);
    this.name = 'AppError';
  }
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  detail?: string;
}

/** An error in words for a list or a file: the sentence, and the service's own words after it. */
export function errorWords(e: unknown): string {
  if (e instanceof AppError) return `${e.message}${e.detail ? ` (${e.detail})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

export function serializeError(e: unknown): SerializedError {
  const err = e instanceof AppError ? e : new AppError(ErrorCodes.unknown, e instanceof Error ? e.message : String(e));
  return { code: err.code, message: err.message, detail: err.detail };
}

/** The error is ours, with this code. */
export const hasCode = (e: unknown, code: ErrorCode): e is AppError => e instanceof AppError && e.code === code;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && own(errorMessages, value) !== undefined;
}
