import { isArmScope } from '../logic/arm-id.ts';
import { azureSchedule } from '../logic/azure.ts';
import { isOwnGuid } from '../logic/guid.ts';
import { isUsageLocation, LIMITS } from '../logic/inputs.ts';
import { powerPlatformGrant } from './power-platform-schema.ts';
import { boolean, type Infer, literal, object, optional, string } from './schema.ts';

/** A single invitation as the popup drafts and starts it, with its grants (issue 9). */

/** A group of this tenant by id and name: an app's audience, a sponsor. */
export const audienceGroup = object({ id: isOwnGuid, displayName: string(LIMITS.displayName) });
export type AudienceGroup = Infer<typeof audienceGroup>;

export const invitationRequest = object({
  email: string(LIMITS.email),
  displayName: optional(string(LIMITS.displayName)),
  message: optional(string(LIMITS.message)),
  redirectUrl: string(LIMITS.url),
  sendEmail: boolean,
  userType: literal('Guest', 'Member'),
  /** Reset redemption of this existing guest (same object, groups and app access) instead of a new invitation. */
  resetRedemptionOf: optional(isOwnGuid),
  /** A member of this tenant who sponsors the guest (`invitedUserSponsors`): who to ask about them later. */
  sponsor: optional(audienceGroup),
});
export type InvitationRequest = Infer<typeof invitationRequest>;

/** An Azure role to give with it: exactly at a scope of the grammar. */
export const azureGrantRequest = object({
  scope: isArmScope,
  roleId: isOwnGuid,
  roleName: string(LIMITS.displayName),
  schedule: azureSchedule,
});
export type AzureGrantRequest = Infer<typeof azureGrantRequest>;

/** A licence asked for on the result card, after the invitation; the usage location is set first when the guest has none. */
export const licenseRequestFields = { skuId: isOwnGuid, usageLocation: optional(isUsageLocation) };
export const licenseRequest = object(licenseRequestFields);
/** A license asked for on the result card; the usage location is set on the guest first when they have none. */
export type LicenseRequest = Infer<typeof licenseRequest>;

export const powerBiGrantRequest = object({
  workspaceId: isOwnGuid,
  group: optional(audienceGroup),
  viewer: boolean,
  /** The licence the guest's path needs, assigned as a step of the invitation ("Assign Power BI Pro" ticked). */
  license: optional(licenseRequest),
  /** The tenant's country: what the result card proposes should assigning a licence later ask for a usage location. */
  country: optional(isUsageLocation),
});
export type PowerBiGrantRequest = Infer<typeof powerBiGrantRequest>;

export const inviteStart = object({
  invitation: invitationRequest,
  azure: optional(azureGrantRequest),
  powerBi: optional(powerBiGrantRequest),
  /** From a Power Platform environment's page (issue 12): names, licence, security group, Dataverse user and role. */
  powerPlatform: optional(powerPlatformGrant),
  /** The page the popup was on when it was sent: a refused invitation comes back as the draft there only. */
  page: optional(string(LIMITS.url)),
});
export type InviteStart = Infer<typeof inviteStart>;
