import { t } from './i18n.ts';

/** Error codes every context understands. The UI switches on `code`, never on message text. */
export const ErrorCodes = {
  notSignedIn: 'not_signed_in',
  interactionRequired: 'interaction_required',
  signInCancelled: 'sign_in_cancelled',
  signInFailed: 'sign_in_failed',
  authExpired: 'auth_expired',
  forbidden: 'forbidden',
  missingScope: 'missing_scope',
  consentNeeded: 'consent_needed',
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
  userNotLicensed: 'user_not_licensed',
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
  pageLinkRefused: 'page_link_refused',
  /** Power BI answers an app the caller may not see as it answers one that does not exist: 404. */
  powerBiAppNotFound: 'powerbi_app_not_found',
  /** Access reviews need Microsoft Entra ID P2 or ID Governance, and the tenant holds neither (issue 27). */
  reviewNotLicensed: 'review_not_licensed',
  /** An access review with nobody to review it (no guest here has a sponsor, no one named). */
  noReviewers: 'no_reviewers',
  unknown: 'unknown',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** A sentence a person can act on, per code, in the browser's language. */
export function errorMessage(code: ErrorCode): string {
  switch (code) {
    case 'not_signed_in':
      return t('errorNotSignedIn');
    case 'review_not_licensed':
      return t('errorReviewNotLicensed');
    case 'no_reviewers':
      return t('errorNoReviewers');
    case 'interaction_required':
      return t('errorInteractionRequired');
    case 'sign_in_cancelled':
      return t('errorSignInCancelled');
    case 'sign_in_failed':
      return t('errorSignInFailed');
    case 'auth_expired':
      return t('errorAuthExpired');
    case 'forbidden':
      return t('errorForbidden');
    case 'missing_scope':
      return t('errorMissingScope');
    case 'consent_needed':
      return t('errorConsentNeeded');
    case 'invites_not_allowed':
      return t('errorInvitesNotAllowed');
    case 'member_invite_not_allowed':
      return t('errorMemberInviteNotAllowed');
    case 'invalid_email':
      return t('errorInvalidEmail');
    case 'invalid_redirect_url':
      return t('errorInvalidRedirectUrl');
    case 'domain_is_internal':
      return t('errorDomainIsInternal');
    case 'user_exists_as_member':
      return t('errorUserExistsAsMember');
    case 'bad_request':
      return t('errorBadRequest');
    case 'not_found':
      return t('errorNotFound');
    case 'throttled':
      return t('errorThrottled');
    case 'service_unavailable':
      return t('errorServiceUnavailable');
    case 'network':
      return t('errorNetwork');
    case 'not_configured':
      return t('errorNotConfigured');
    case 'bad_message':
      return t('errorBadMessage');
    case 'usage_location_required':
      return t('errorUsageLocationRequired');
    case 'principal_not_found':
      return t('errorPrincipalNotFound');
    case 'user_not_licensed':
      return t('errorUserNotLicensed');
    case 'invalid_usage_location':
      return t('errorInvalidUsageLocation');
    case 'invalid_schedule':
      return t('errorInvalidSchedule');
    case 'role_assignment_exists':
      return t('errorRoleAssignmentExists');
    case 'bulk_job_busy':
      return t('errorBulkJobBusy');
    case 'bulk_job_state':
      return t('errorBulkJobState');
    case 'bulk_file_empty':
      return t('errorBulkFileEmpty');
    case 'bulk_file_too_large':
      return t('errorBulkFileTooLarge');
    case 'bulk_too_many_rows':
      return t('errorBulkTooManyRows');
    case 'bulk_job_invalid':
      return t('errorBulkJobInvalid');
    case 'bulk_role_refused':
      return t('errorBulkRoleRefused');
    case 'invalid_scope':
      return t('errorInvalidScope');
    case 'reset_address_mismatch':
      return t('errorResetAddressMismatch');
    case 'claims_challenge':
      return t('errorClaimsChallenge');
    case 'policy_refused':
      return t('errorPolicyRefused');
    case 'active_too_short':
      return t('errorActiveTooShort');
    case 'request_pending':
      return t('errorRequestPending');
    case 'invalid_activation':
      return t('errorInvalidActivation');
    case 'domain_blocked':
      return t('errorDomainBlocked');
    case 'cross_tenant_blocked':
      return t('errorCrossTenantBlocked');
    case 'page_link_refused':
      return t('errorPageLinkRefused');
    case 'powerbi_app_not_found':
      return t('errorPowerBiAppNotFound');
    case 'unknown':
      return t('errorUnknown');
  }
}

/** The one error class that crosses contexts: serialized as `{ code, message, detail }`, rethrown with the same code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(errorMessage(code), options);
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

/** The error again, from its serialized form: the same code (an unknown one as `unknown`) and detail. */
export const errorFrom = (e: SerializedError): AppError =>
  new AppError(isErrorCode(e.code) ? e.code : ErrorCodes.unknown, e.detail);

/** The error is ours, with this code. */
export const hasCode = (e: unknown, code: ErrorCode): e is AppError => e instanceof AppError && e.code === code;

const CODES = new Set<string>(Object.values(ErrorCodes));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}
