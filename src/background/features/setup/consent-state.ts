import {
  ARM_ORIGIN,
  type Feature,
  featureScopes,
  GRAPH_ORIGIN,
  POWERBI_RESOURCE,
  resourceOfScope,
  type Settings,
} from '../../../common/config.ts';
import { type FeatureConsent, findingsFor, grantedScopes } from '../../../common/setup.ts';
import * as auth from '../../core/auth.ts';
import { ensureConsent, granted } from '../../core/consent.ts';

/** Where each feature stands, from tokens' scopes alone: every scope a token names was granted on its resource. */
export function featureConsent(tokens: { resource: string; scopes: string[] }[]): FeatureConsent {
  const scopes = tokens.flatMap((t) => grantedScopes(t.resource, t.scopes));
  return Object.fromEntries(findingsFor(scopes).map((f) => [f.feature, f.state])) as FeatureConsent;
}

/**
 * Which features this account has granted, for the popup's consent lines. Only the tokens the views get anyway
 * (sign-in's Graph, ARM and Power BI ones, for the resources these features use) and those already held are read:
 * asking a resource for a scope not granted would set off a hidden renewal (background/core/renewal.ts) on every popup open. A token
 * that cannot be had counts as nothing granted: the line then offers consent, which costs no window when it was in
 * fact given.
 */
export async function consentView(settings: Settings, features: Feature[]): Promise<FeatureConsent> {
  const resources = new Set(features.flatMap(featureScopes).map(resourceOfScope));
  await Promise.allSettled(
    Object.entries(SIGN_IN_TOKENS)
      .filter(([resource]) => resources.has(resource))
      .map(([, get]) => get(settings, false)),
  );
  return featureConsent(auth.heldGrants(settings));
}

/** The tokens the views get anyway, by resource: what sign-in consented on each. */
const SIGN_IN_TOKENS: Record<string, (settings: Settings, forceRefresh: boolean) => Promise<unknown>> = {
  [GRAPH_ORIGIN]: auth.graphToken,
  [ARM_ORIGIN]: auth.armToken,
  [POWERBI_RESOURCE]: auth.powerBiToken,
};

/**
 * The person pressed Allow: the features' scopes are asked for in the sign-in window (or nothing, when granted),
 * then each resource's token is asked for with them, so the tokens held say what was just granted.
 */
export async function giveConsent(settings: Settings, features: Feature[]): Promise<FeatureConsent> {
  await ensureConsent(settings, features);
  await granted(settings, features);
  return consentView(settings, features);
}
