import { FEATURE_SCOPES, type Feature, needsAdminConsent, resourceOfScope } from './config.ts';

/** What one resource (Graph, Power BI, ARM, ...) granted this app registration, as its token says. */
export interface ResourceGrant {
  resource: string;
  /** The token's scopes, as full scope names (`https://graph.microsoft.com/User.Read`). */
  granted: string[];
  /** Why no token came for this resource, in words; its scopes then all count as missing. */
  problem: string | null;
}

export interface SetupReport {
  username: string;
  resources: ResourceGrant[];
}

/**
 * Where a feature stands: its scopes all granted; or some missing that the person may grant themselves when the
 * feature first asks; or some that only an administrator may grant (Entra's "Need admin approval" for anyone else).
 */
export type ConsentState = 'granted' | 'yourConsent' | 'adminConsent';

/** Where each feature stands for the account signed in, as the popup asks it (background/features/setup/consent-state.ts). */
export type FeatureConsent = Record<Feature, ConsentState>;

/** Where these features stand together: granted when each is; an administrator's when any needs one. */
export function standing(consent: FeatureConsent, features: Feature[]): ConsentState {
  const states = features.map((f) => consent[f]);
  if (states.includes('adminConsent')) return 'adminConsent';
  return states.includes('yourConsent') ? 'yourConsent' : 'granted';
}

export interface FeatureFinding {
  feature: Feature;
  /** Scopes the feature needs that no token granted. Empty: the feature works. */
  missing: string[];
  state: ConsentState;
}

/** The permission's own name, as Entra lists it under its API: `User.Read`. */
export const permissionName = (scope: string) => scope.slice(scope.lastIndexOf('/') + 1);

// Entra's scope names are case-insensitive (a token may say `user.read` for `User.Read`).
const key = (scope: string) => scope.toLowerCase();

/** Each feature of the table in config.ts, with the scopes it needs and the report did not find granted. */
export const featureFindings = (report: SetupReport): FeatureFinding[] => findingsFor(report.resources.flatMap((r) => r.granted));

/** Each feature of the table in config.ts, against these granted scopes (full names, as grantedScopes gives them). */
export function findingsFor(grantedScopes: string[]): FeatureFinding[] {
  const granted = new Set(grantedScopes.map(key));
  return FEATURE_SCOPES.map(({ feature, scopes }) => {
    const missing = scopes.filter((s) => !granted.has(key(s)));
    const state = missing.length === 0 ? 'granted' : missing.some(needsAdminConsent) ? 'adminConsent' : 'yourConsent';
    return { feature, missing, state };
  });
}

/**
 * A token response's scopes as full names. Entra may name a resource's scopes without the resource (`User.Read`
 * for Graph) and adds OpenID's own (`openid`, `profile`); those name no permission of a resource and are left out.
 */
export function grantedScopes(resource: string, scopes: string[]): string[] {
  const oidc = new Set(['openid', 'profile', 'email', 'offline_access']);
  return scopes
    .filter((s) => !oidc.has(s.toLowerCase()) && !s.endsWith('/.default'))
    .map((s) => (s.includes('/') ? s : `${resource}/${s}`))
    .filter((s) => resourceOfScope(s).replace(/\/+$/, '') === resource);
}
