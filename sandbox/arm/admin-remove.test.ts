import { describe, expect, it } from 'vitest';
import { sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADELE, AUTH, armClient, KIM, MEGAN, PAT, PAT_ELIGIBLE, ROLES, roleId, STORAGE } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);
type Kind = 'roleEligibilityScheduleRequests' | 'roleAssignmentScheduleRequests';
const at = (kind: Kind, name: string) => `${STORAGE}${AUTH}/${kind}/${name}?api-version=2020-10-01`;
const remove = (kind: Kind, principalId: string, role: string, name = crypto.randomUUID(), user = MEGAN) =>
  arm('PUT', at(kind, name), user, {
    properties: { principalId, roleDefinitionId: roleId(role), requestType: 'AdminRemove', justification: 'offboarding' },
  });
const instances = async (kind: 'roleEligibilityScheduleInstances' | 'roleAssignmentScheduleInstances', who: string) => {
  const filter = encodeURIComponent(`principalId eq '${who}'`);
  const res = await arm('GET', `${STORAGE}${AUTH}/${kind}?api-version=2020-10-01&$filter=${filter}`, MEGAN);
  return (res.body as { value: { properties: { roleDefinitionId: string } }[] }).value.map((i) =>
    i.properties.roleDefinitionId.split('/').pop(),
  );
};
/** Megan makes Kim active Reader at the storage account for eight hours (AdminAssign). */
const kimActiveReader = () =>
  arm('PUT', at('roleAssignmentScheduleRequests', crypto.randomUUID()), MEGAN, {
    properties: {
      principalId: KIM,
      roleDefinitionId: roleId(ROLES.reader),
      requestType: 'AdminAssign',
      scheduleInfo: { startDateTime: new Date().toISOString(), expiration: { type: 'AfterDuration', duration: 'PT8H' } },
    },
  });

describe('PIM AdminRemove', () => {
  it('removes an eligibility: Revoked, gone from the instances, and the request readable by its name', async () => {
    const name = crypto.randomUUID();
    const res = await remove('roleEligibilityScheduleRequests', PAT, ROLES.blobReader, name);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name,
      properties: { requestType: 'AdminRemove', status: 'Revoked', principalId: PAT, requestorId: MEGAN },
    });
    expect(await instances('roleEligibilityScheduleInstances', PAT)).toEqual([ROLES.blobContributor]);
    const again = await arm('GET', at('roleEligibilityScheduleRequests', name), MEGAN);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      name,
      properties: { status: 'Revoked', targetRoleEligibilityScheduleId: PAT_ELIGIBLE.blobReader },
    });
  });

  it('never removes twice under one request name', async () => {
    const name = crypto.randomUUID();
    expect((await remove('roleEligibilityScheduleRequests', PAT, ROLES.blobReader, name)).status).toBe(201);
    const twice = await remove('roleEligibilityScheduleRequests', PAT, ROLES.blobContributor, name);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { code: 'RoleAssignmentRequestExists' } });
    expect(await instances('roleEligibilityScheduleInstances', PAT)).toEqual([ROLES.blobContributor]);
  });

  it('answers RoleAssignmentDoesNotExist when there is nothing to remove', async () => {
    for (const kind of ['roleEligibilityScheduleRequests', 'roleAssignmentScheduleRequests'] as const) {
      const res = await remove(kind, KIM, ROLES.reader);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'RoleAssignmentDoesNotExist' } });
    }
  });

  it('ends a time-bound active assignment at once', async () => {
    expect((await kimActiveReader()).status).toBe(201);
    expect(await instances('roleAssignmentScheduleInstances', KIM)).toEqual([ROLES.reader]);
    const res = await remove('roleAssignmentScheduleRequests', KIM, ROLES.reader);
    expect(res.body).toMatchObject({ properties: { requestType: 'AdminRemove', status: 'Revoked' } });
    expect(await instances('roleAssignmentScheduleInstances', KIM)).toEqual([]);
  });

  it('refuses a caller who may not write role assignments there', async () => {
    const res = await remove('roleEligibilityScheduleRequests', PAT, ROLES.blobReader, crypto.randomUUID(), ADELE);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'AuthorizationFailed' } });
    expect(await instances('roleEligibilityScheduleInstances', PAT)).toHaveLength(2);
  });

  it('keeps an AdminAssign eligibility request readable by its name too', async () => {
    const name = crypto.randomUUID();
    await arm('PUT', at('roleEligibilityScheduleRequests', name), MEGAN, {
      properties: {
        principalId: KIM,
        roleDefinitionId: roleId(ROLES.reader),
        requestType: 'AdminAssign',
        scheduleInfo: { startDateTime: new Date().toISOString(), expiration: { type: 'AfterDuration', duration: 'P7D' } },
      },
    });
    const res = await arm('GET', at('roleEligibilityScheduleRequests', name), KIM);
    expect(res.body).toMatchObject({ name, properties: { requestType: 'AdminAssign', status: 'Provisioned' } });
    expect((await arm('GET', at('roleEligibilityScheduleRequests', crypto.randomUUID()), MEGAN)).status).toBe(404);
  });
});
