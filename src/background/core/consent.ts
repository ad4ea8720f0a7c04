import { type Feature, featureScopes, resourceOfScope, type Settings } from '../../common/config.ts';
import { AppError, ErrorCodes, hasCode } from '../../common/errors.ts';
import type { GuestChange } from '../../common/guest-card.ts';
import type { InviteStart } from '../../common/operation.ts';
import type { JobMeta, JobRow } from '../../logic/bulk/job.ts';
import * as auth from './auth.ts';

/** Whether this account holds every scope of these features: each resource asked silently for exactly its scopes. */
export const granted = (settings: Settings, features: Feature[]) =>
  grantedScopes(settings, [...new Set(features.flatMap(featureScopes))]);

async function grantedScopes(settings: Settings, scopes: string[]): Promise<boolean> {
  for (const resource of new Set(scopes.map(resourceOfScope))) {
    try {
      await auth.scopedToken(
        settings,
        scopes.filter((s) => resourceOfScope(s) === resource),
      );
    } catch (e) {
      if (hasCode(e, ErrorCodes.interactionRequired)) return false;
      throw e;
    }
  }
  return true;
}

/**
 * Incremental consent: the first time a feature is used, its scopes are asked for in the sign-in window, which
 * lists only what is new (or says an admin must approve). Called when the person confirms, so the work queued
 * after it, alarms included, finds the scopes granted; the next time nothing is asked.
 */
export async function ensureConsent(settings: Settings, features: Feature[]): Promise<void> {
  const scopes = [...new Set(features.flatMap(featureScopes))];
  if (await grantedScopes(settings, scopes)) return;
  try {
    await auth.signInWith(settings, { ...auth.consentRequest(scopes), sameAccount: true });
  } catch (e) {
    if (hasCode(e, ErrorCodes.signInCancelled) || hasCode(e, ErrorCodes.signInFailed))
      throw new AppError(ErrorCodes.consentNeeded, e.detail, { cause: e });
    throw e;
  }
}

/** What an invitation will do, as features: each part beyond the invitation brings its own. */
export function invitationFeatures(start: InviteStart): Feature[] {
  return [
    'invite',
    ...(start.powerBi ? (['powerBiAccess'] as const) : []),
    ...(start.azure ? (['azureRoles'] as const) : []),
    ...(start.powerPlatform ? (['powerPlatform'] as const) : []),
  ];
}

/** What a bulk file will do, as features: groups and licences are Power BI access's, environment roles Power Platform's. */
export function bulkFeatures(job: {
  meta: Pick<JobMeta, 'environment' | 'roleScope'>;
  rows: Pick<JobRow, 'groupId' | 'licenseSkuId' | 'roleId' | 'verdict'>[];
}): Feature[] {
  const sent = job.rows.filter((r) => r.verdict !== 'invalid');
  return [
    'invite',
    ...(sent.some((r) => r.groupId || r.licenseSkuId) ? (['powerBiAccess'] as const) : []),
    ...(job.meta.roleScope && sent.some((r) => r.roleId) ? (['azureRoles'] as const) : []),
    ...(job.meta.environment ? (['powerPlatform'] as const) : []),
  ];
}

/** The feature whose scopes a change on a guest's card writes with (the table in config.ts). */
export function changeFeature(change: GuestChange): Feature {
  if (change.kind === 'createGroup') return 'guestCard';
  if (change.kind === 'removeAzureRole') return 'azureRoles';
  if (change.kind === 'attest') return 'guestLifecycle';
  // Users, memberships, licences and workspace roles: the scopes that grant Power BI access write them.
  return 'powerBiAccess';
}
