import { t } from './i18n.ts';

/** A Power Platform environment as the popup shows it (issue 12), read from the environment API. */
export interface PowerPlatformEnvironment {
  id: string;
  displayName: string;
  /** Production, Sandbox, Developer, Default, Trial, Teams (`environmentSku`). */
  type: string;
  region: string;
  /** The Dataverse instance (`https://org.crm.dynamics.com/`), when the environment has one. */
  instanceUrl: string | null;
  /** The Entra group that limits who may enter, when one is set. */
  securityGroupId: string | null;
  /** Read through the admin scope (the signed-in person is a Power Platform admin), not as a maker. */
  asAdmin: boolean;
}

export interface EnvironmentRole {
  id: string;
  name: string;
  /** What the role allows, in words, for the common ones. */
  note: string;
  /** Broad enough to ask for a confirmation first. */
  confirm: boolean;
}

export interface PowerPlatformPage {
  environment: PowerPlatformEnvironment;
  securityGroup: { id: string; displayName: string } | null;
  roles: EnvironmentRole[];
  /** The tenant's Dynamics 365 and Power Apps licences, with the units still free. */
  licences: { skuId: string; name: string; partNumber: string; free: number }[];
  /** The tenant's country, the usage location offered for a guest who has none. */
  tenantCountry: string | null;
  /** `enableGuestsToMake` of the tenant settings; null when they cannot be read. */
  guestsMayMake: boolean | null;
  problems: string[];
}

/** What an invitation from an environment's page also does, as the popup chose it. */
export interface PowerPlatformGrantRequest {
  environmentId: string;
  environmentName: string;
  /** Where the guest goes: the environment's Dataverse app URL, or its maker home. */
  url: string;
  instanceUrl?: string;
  securityGroup?: { id: string; displayName: string };
  role?: { id: string; name: string };
  licence?: { skuId: string; name: string };
  profile?: { givenName: string; surname: string; usageLocation?: string };
}

/** What the common security roles allow, in words; only System Administrator asks for a confirmation. */
export function roleNote(name: string): { note: string; confirm: boolean } {
  switch (name.toLowerCase()) {
    case 'basic user':
      return { note: t('ppNoteBasicUser'), confirm: false };
    case 'environment maker':
      return { note: t('ppNoteMaker'), confirm: false };
    case 'system customizer':
      return { note: t('ppNoteCustomizer'), confirm: false };
    case 'system administrator':
      return { note: t('ppNoteAdmin'), confirm: true };
    default:
      return { note: '', confirm: false };
  }
}

/** A Dataverse instance URL the extension calls: https, a host under crm*.dynamics.com, nothing after the host. */
export function isInstanceUrl(url: unknown): url is string {
  return typeof url === 'string' && /^https:\/\/[a-z0-9-]{1,63}\.crm\d{0,2}\.dynamics\.com\/$/.test(url);
}

/** Where to send a guest: the Dataverse app list of the instance, or the maker home of an environment without one. */
export function environmentUrl(env: Pick<PowerPlatformEnvironment, 'id' | 'instanceUrl'>): string {
  return env.instanceUrl ?? `https://make.powerapps.com/environments/${encodeURIComponent(env.id)}/home`;
}

/** Microsoft's SKU ids of the licences that open Power Apps and Dynamics 365 (../shared/data/license-skus.json). */
export const POWER_PLATFORM_SKUS: Record<string, string> = {
  'b30411f5-fea1-4a59-9ad9-3db7c7ead579': 'Power Apps Premium',
  '1e1a282c-9c54-43a2-9310-98ef728faace': 'Dynamics 365 Sales Enterprise',
};
