/**
 * `POST {bap}/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/{name}/addUser` with
 * `{ "ObjectId": "<Entra object id>" }`: the call behind Add-AdminPowerAppsSyncUser (learn:
 * powershell/module/microsoft.powerapps.administration.powershell/add-adminpowerappssyncuser) and the admin center's
 * "add user", which makes Dataverse create the systemuser now instead of at the user's first visit (learn:
 * power-platform/admin/add-users-to-environment). Dataverse only takes users of the environment's security group.
 */
import { createHash } from 'node:crypto';
import type { ApiResponse } from '../api.ts';
import type { SandboxTenant, SandboxUser } from '../store.ts';
import { bapError, environmentNotFound } from './environments.ts';
import { mayEnter, type SandboxSystemUser } from './model.ts';

/** A stable GUID for the systemuser of an Entra user in one organization (Dataverse makes its own ids). */
function systemUserId(organizationId: string, objectId: string): string {
  const h = createHash('sha256').update(`${organizationId}:${objectId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The systemuser Dataverse makes from an Entra user: names from givenName/surname, else from the display name. */
export function systemUserFrom(organizationId: string, user: SandboxUser): SandboxSystemUser {
  const [first = '', ...rest] = user.displayName.split(' ');
  const firstname = user.givenName ?? (rest.length ? first : null);
  const lastname = user.surname ?? (rest.length ? rest.join(' ') : first);
  return {
    systemuserid: systemUserId(organizationId, user.id),
    azureactivedirectoryobjectid: user.id,
    fullname: [firstname, lastname].filter(Boolean).join(' ') || user.displayName,
    firstname,
    lastname,
    domainname: user.userPrincipalName,
    internalemailaddress: user.mail ?? null,
    isdisabled: false,
    roles: [],
  };
}

/**
 * A user whose every licence was assigned less than `licenseMs` ago: the assignment has not reached Power Platform.
 * A user without any licence is not refused here (the sandbox's environments take them, as a trial tenant's do).
 */
const licenseOnItsWay = (user: SandboxUser, licenseMs: number) => {
  const licenses = user.assignedLicenses ?? [];
  const fresh = (at: string | undefined) => at !== undefined && Date.now() - Date.parse(at) < licenseMs;
  return licenses.length > 0 && licenses.every((l) => fresh(l.assignedDateTime));
};

/** How long, in wall-clock ms, Dataverse hides a synced user and a licence takes to reach Power Platform. */
export interface AddUserDelays {
  syncMs: number;
  licenseMs: number;
}

export function addUser(
  tenant: SandboxTenant,
  name: string,
  body: unknown,
  delays: AddUserDelays = { syncMs: 0, licenseMs: 0 },
): ApiResponse {
  const env = tenant.powerPlatform?.environments.find((e) => e.name.toLowerCase() === name.toLowerCase());
  if (!env) return environmentNotFound(tenant, name);
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  // PowerShell sends `ObjectId`; other clients `objectId`: the service reads JSON names without regard to case.
  const objectId = Object.entries(fields).find(([k]) => k.toLowerCase() === 'objectid')?.[1];
  if (typeof objectId !== 'string')
    return bapError(400, 'InvalidRequestBody', "The request body must give the user's 'ObjectId'.");
  const dv = env.dataverse;
  if (!dv) return bapError(400, 'EnvironmentHasNoDatabase', `The environment '${env.name}' has no Dataverse database.`);
  const user = tenant.users.find((u) => u.id === objectId.toLowerCase());
  if (!user) return bapError(404, 'UserNotFound', `The user '${objectId}' could not be found in the tenant '${tenant.id}'.`);
  if (!mayEnter(tenant, env, user.id)) {
    // The service's words (microsoft/coe-starter-kit#5449).
    return bapError(
      403,
      'UserNotMemberOfCdsSecurityGroup',
      `The user '${user.id}' cannot be created in Microsoft Dataverse because the account is not a member of group '${env.securityGroupId}'. Please ask an administrator to add user to the group.`,
    );
  }
  if (licenseOnItsWay(user, delays.licenseMs)) {
    // Microsoft's Terraform provider tries addUser again every 10 s for up to 9 minutes while the answer names
    // `userNotLicensed`, "the license assignment in Entra is async" (microsoft/terraform-provider-power-platform:
    // internal/services/authorization/api_user.go, CreateDataverseUser). It matches the code in the error text and
    // accepts only 200, so the status is not known from there and Learn documents none: 400 and the words are the
    // sandbox's choice, in the `{ error: { code, message } }` shape the environment API's other refusals take.
    return bapError(
      400,
      'userNotLicensed',
      `The user '${user.id}' does not have a license that allows access to Microsoft Dataverse in the environment '${env.name}'.`,
    );
  }
  const existing = dv.users.find((u) => u.azureactivedirectoryobjectid === user.id);
  const fresh = systemUserFrom(dv.resourceId, user);
  // A sync again refreshes the names and enables the user; the roles stay.
  if (existing) Object.assign(existing, { ...fresh, roles: existing.roles, systemuserid: existing.systemuserid });
  else dv.users.push(delays.syncMs > 0 ? { ...fresh, visibleFrom: Date.now() + delays.syncMs } : fresh);
  return { status: 200 };
}
