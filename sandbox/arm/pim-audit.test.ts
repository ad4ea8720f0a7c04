import { describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { AUTH, armClient, KIM, MEGAN, PAT, PAT_ELIGIBLE, ROLES, roleId, STORAGE, selfRequest } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);
const audits = () => sandbox().store.tenant(CONTOSO)?.audits ?? [];
const request = (kind: string, properties: object) =>
  arm('PUT', `${STORAGE}${AUTH}/${kind}/${crypto.randomUUID()}?api-version=2020-10-01`, MEGAN, { properties });
const schedule = (expiration: object) => ({ startDateTime: new Date().toISOString(), expiration });

describe('PIM requests in the directory audit log', () => {
  it('records an eligibility given and taken back, with the role, the user and the resource', async () => {
    const kim = { principalId: KIM, roleDefinitionId: roleId(ROLES.reader) };
    await request('roleEligibilityScheduleRequests', {
      ...kim,
      requestType: 'AdminAssign',
      scheduleInfo: schedule({ type: 'AfterDuration', duration: 'P7D' }),
    });
    await request('roleEligibilityScheduleRequests', { ...kim, requestType: 'AdminRemove' });
    expect(audits().map((a) => a.activityDisplayName)).toEqual([
      'Add eligible member to role in PIM completed (timebound)',
      'Remove eligible member from role in PIM completed (timebound)',
    ]);
    expect(audits()[1]).toMatchObject({
      category: 'ResourceManagement',
      loggedByService: 'PIM',
      operationType: 'Unassign',
      initiatedBy: { id: MEGAN },
      targetResources: [
        { type: 'Role', displayName: 'Reader' },
        { type: 'User', id: KIM, userPrincipalName: 'kim_fabrikam.example#EXT#@contoso.onmicrosoft.com' },
        { type: 'Other', id: STORAGE, displayName: 'stdata01' },
      ],
    });
  });

  it('records a permanent active assignment given and taken back', async () => {
    const kim = { principalId: KIM, roleDefinitionId: roleId(ROLES.blobReader) };
    await request('roleAssignmentScheduleRequests', {
      ...kim,
      requestType: 'AdminAssign',
      scheduleInfo: schedule({ type: 'NoExpiration' }),
    });
    await request('roleAssignmentScheduleRequests', { ...kim, requestType: 'AdminRemove' });
    expect(audits().map((a) => a.activityDisplayName)).toEqual([
      'Add member to role in PIM completed (permanent)',
      'Remove member from role in PIM completed (permanent)',
    ]);
  });

  it('records a self-activation as initiated by the guest', async () => {
    const r = selfRequest({ scope: STORAGE, role: ROLES.blobReader, linked: PAT_ELIGIBLE.blobReader, justification: 'audit' });
    expect((await arm('PUT', r.path, PAT, r.body)).status).toBe(201);
    expect(audits()).toMatchObject([
      {
        activityDisplayName: 'Add member to role completed (PIM activation)',
        initiatedBy: { id: PAT },
        additionalDetails: expect.arrayContaining([{ key: 'Justification', value: 'audit' }]),
      },
    ]);
  });
});
