import type { SandboxTenant, SandboxUser } from '../store.ts';

/** Properties Graph returns for a user when no `$select` is given. */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

/** What User.ReadBasic.All lets a caller read about other users (learn: permissions reference, User.ReadBasic.All). */
export const BASIC_USER_PROPERTIES = new Set(['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName']);

/** The user as Graph v1.0 would show it (sandbox-only fields such as the password left out). */
export function userResource(user: SandboxUser): Record<string, unknown> {
  const [givenName = null, ...rest] = user.userType === 'Member' ? user.displayName.split(' ') : [];
  return {
    id: user.id,
    accountEnabled: user.accountEnabled ?? true,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName ?? givenName,
    surname: user.surname ?? (rest.length ? rest.join(' ') : null),
    jobTitle: null,
    mail: user.mail ?? null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    userPrincipalName: user.userPrincipalName,
    otherMails: user.otherMails ?? [],
    userType: user.userType,
    externalUserState: user.externalUserState ?? null,
    externalUserStateChangeDateTime: user.externalUserStateChangeDateTime ?? null,
    creationType: user.creationType ?? null,
    createdDateTime: user.createdDateTime ?? null,
    usageLocation: user.usageLocation ?? null,
    assignedLicenses: (user.assignedLicenses ?? []).map((l) => ({ disabledPlans: l.disabledPlans ?? [], skuId: l.skuId })),
    proxyAddresses: user.mail ? [`SMTP:${user.mail}`] : [],
    // Never signed in: Graph gives the object with null dates (learn: signinactivity).
    signInActivity: {
      lastSignInDateTime: user.signInActivity?.lastSignInDateTime ?? null,
      lastSignInRequestId: null,
      lastNonInteractiveSignInDateTime: user.signInActivity?.lastNonInteractiveSignInDateTime ?? null,
      lastNonInteractiveSignInRequestId: null,
      lastSuccessfulSignInDateTime: user.signInActivity?.lastSignInDateTime ?? null,
      lastSuccessfulSignInRequestId: null,
    },
  };
}

/** `/users/{id | userPrincipalName}`. */
export function findUser(tenant: SandboxTenant, key: string): SandboxUser | undefined {
  const k = decodeURIComponent(key).toLowerCase();
  return tenant.users.find((u) => u.id === k || u.userPrincipalName.toLowerCase() === k);
}

/** A user whose mail or otherMails is this address. */
export function findUserByEmail(tenant: SandboxTenant, email: string): SandboxUser | undefined {
  const e = email.toLowerCase();
  return tenant.users.find((u) => u.mail?.toLowerCase() === e || (u.otherMails ?? []).some((m) => m.toLowerCase() === e));
}
