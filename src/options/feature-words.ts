import { ARM_ORIGIN, type Feature, GRAPH_ORIGIN, POWER_PLATFORM_RESOURCE, POWERBI_RESOURCE } from '../common/config.ts';
import { t } from '../common/i18n.ts';

/** A feature's name and what it lets a person do, in words. */
export function featureWords(feature: Feature): { name: string; does: string } {
  switch (feature) {
    case 'myAccess':
      return { name: t('featureMyAccess'), does: t('featureMyAccessDoes') };
    case 'invite':
      return { name: t('featureInvite'), does: t('featureInviteDoes') };
    case 'powerBiAccess':
      return { name: t('featurePowerBi'), does: t('featurePowerBiDoes') };
    case 'guestCard':
      return { name: t('featureGuestCard'), does: t('featureGuestCardDoes') };
    case 'partnerNames':
      return { name: t('featurePartnerNames'), does: t('featurePartnerNamesDoes') };
    case 'azureRoles':
      return { name: t('featureAzure'), does: t('featureAzureDoes') };
    case 'powerPlatform':
      return { name: t('featurePowerPlatform'), does: t('featurePowerPlatformDoes') };
    case 'externalAccess':
      return { name: t('featureExternalAccess'), does: t('featureExternalAccessDoes') };
    case 'groupReviews':
      return { name: t('featureGroupReviews'), does: t('featureGroupReviewsDoes') };
    case 'guestLifecycle':
      return { name: t('featureGuestLifecycle'), does: t('featureGuestLifecycleDoes') };
  }
}

/** The API's name as Entra's "Request API permissions" lists it. */
export function apiName(resource: string): string {
  const bare = resource.replace(/\/+$/, '');
  if (bare === GRAPH_ORIGIN) return t('apiGraph');
  if (bare === POWERBI_RESOURCE) return t('apiPowerBi');
  if (bare === ARM_ORIGIN) return t('apiArm');
  if (bare === POWER_PLATFORM_RESOURCE) return t('apiPowerPlatform');
  return bare;
}
