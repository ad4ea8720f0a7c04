import { t } from '../common/i18n.ts';
import { DATAVERSE_DOMAINS } from './api-hosts.ts';

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
  licenses: { skuId: string; name: string; partNumber: string; free: number }[];
  /** The tenant's country, the usage location offered for a guest who has none. */
  tenantCountry: string | null;
  /** `enableGuestsToMake` of the tenant settings; null when they cannot be read. */
  guestsMayMake: boolean | null;
  problems: string[];
}

/** What the common security roles allow, in words (a note only: whether a role is broad is `broadRole`'s to say). */
export function roleNote(name: string): string {
  switch (name.toLowerCase()) {
    case 'basic user':
      return t('ppNoteBasicUser');
    case 'environment maker':
      return t('ppNoteMaker');
    case 'system customizer':
      return t('ppNoteCustomizer');
    case 'system administrator':
      return t('ppNoteAdmin');
    default:
      return '';
  }
}

/**
 * Role templates of System Administrator and System Customizer: Microsoft's ids, the same in every environment and
 * on every business unit's copy (learn: power-apps/developer/data-platform/security-roles).
 */
const BROAD_TEMPLATES = new Set(['627090ff-40a3-4053-8790-584edc5be201', '119f245c-3cc8-4b62-b31c-d1a046ced15d']);

/**
 * Privileges that let a holder give out access or change what the environment runs: assigning roles; creating or
 * editing roles (adding any privilege to a role they hold); importing solutions, changing tables and registering
 * plug-ins (code that runs with more rights than its caller). A role with any of them, at any depth, is broad:
 * a renamed copy of System Administrator, Delegated Admin, or a custom role with a harmless name.
 */
export const ELEVATING_PRIVILEGES = [
  'prvAssignRole',
  'prvCreateRole',
  'prvWriteRole',
  'prvImportCustomization',
  'prvCreateEntity',
  'prvWriteEntity',
  'prvCreatePluginAssembly',
];

/** The `$filter` on `roles` that keeps those holding an elevating privilege (a lambda over the N:N to privileges). */
export const elevatingRolesFilter = `roleprivileges_association/any(p:${ELEVATING_PRIVILEGES.map((n) => `p/name eq '${n}'`).join(' or ')})`;

/**
 * Whether a security role needs a confirmation one guest at a time (and is refused in bulk): it holds an elevating
 * privilege, or it comes from a broad template (which still tells when privileges could not be read). Never by its
 * name: a business unit's copy keeps its template, a renamed copy keeps its privileges.
 */
export function broadRole(role: { roleid: string; templateId: string | null }, elevating: Set<string> | null): boolean {
  return (!!role.templateId && BROAD_TEMPLATES.has(role.templateId.toLowerCase())) || !!elevating?.has(role.roleid.toLowerCase());
}

/**
 * A Dataverse instance URL the extension calls: https, an organization's host in one of Dataverse's regional
 * domains (DATAVERSE_DOMAINS, each named in the manifest's host permissions), nothing after the host.
 */
export function isInstanceUrl(url: unknown): url is string {
  const domain =
    typeof url === 'string' ? /^https:\/\/[a-z0-9-]{1,63}\.(crm\d{0,2}\.dynamics\.com)\/$/.exec(url)?.[1] : undefined;
  return domain !== undefined && DATAVERSE_DOMAINS.includes(domain);
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
