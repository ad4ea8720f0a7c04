import { describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { AUTH, armClient, KIM, MEGAN, PAT, PAT_ELIGIBLE, RG_WEB, ROLES, roleId, STORAGE, SUB, WEB } from './arm-test-client.ts';

/** Yuki Tanaka, an external member made eligible at the storage account (issue 27's seed). */
const YUKI = 'af4a5b6c-7d8e-4f9a-b1ac-2d3e4f5a6b7c';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);

interface Instance {
  properties: {
    principalId: string;
    memberType: string;
    scope: string;
    roleEligibilityScheduleId?: string;
    assignmentType?: string;
    expandedProperties: {
      principal: { email: string };
      roleDefinition: { displayName: string };
      scope: { type: string; displayName: string };
    };
  };
}
const instances = (body: unknown) => (body as { value: Instance[] }).value;
const eligible = (scope: string, filter = '') =>
  `${scope}${AUTH}/roleEligibilityScheduleInstances?api-version=2020-10-01${filter ? `&$filter=${filter}` : ''}`;

/** Kim made eligible at the storage account by Megan, so that someone else's eligibility sits beside Pat's. */
const kimEligibleAtStorage = () =>
  arm('PUT', `${STORAGE}${AUTH}/roleEligibilityScheduleRequests/${crypto.randomUUID()}?api-version=2020-10-01`, MEGAN, {
    properties: {
      principalId: KIM,
      roleDefinitionId: roleId(ROLES.reader),
      requestType: 'AdminAssign',
      scheduleInfo: { startDateTime: new Date().toISOString(), expiration: { type: 'AfterDuration', duration: 'P7D' } },
    },
  });

describe('PIM schedule instances', () => {
  it("shows a guest only their own eligibilities with asTarget(), never Kim's or Megan's", async () => {
    expect((await kimEligibleAtStorage()).status).toBe(201);
    const res = await arm('GET', eligible(STORAGE, 'asTarget()'), PAT);
    expect(res.status).toBe(200);
    const mine = instances(res.body);
    expect(mine.map((i) => i.properties.principalId)).toEqual([PAT, PAT]);
    expect(instances((await arm('GET', eligible(STORAGE, 'asTarget()'), KIM)).body).map((i) => i.properties.principalId)).toEqual(
      [KIM],
    );
    expect(instances((await arm('GET', eligible(STORAGE, 'asTarget()'), MEGAN)).body)).toEqual([]);
  });

  it('lists all of the caller’s eligibilities at the tenant root, with who, which role and where', async () => {
    const res = await arm('GET', eligible('', 'asTarget()'), PAT);
    expect(res.status).toBe(200);
    const rows = instances(res.body);
    expect(rows.map((i) => i.properties.roleEligibilityScheduleId).sort()).toEqual(Object.values(PAT_ELIGIBLE).sort());
    const at = (scope: string) => rows.find((i) => i.properties.scope === scope)?.properties.expandedProperties;
    expect(at(STORAGE)?.scope).toEqual({ id: STORAGE, displayName: 'stdata01', type: 'resource' });
    expect(at(RG_WEB)?.scope).toEqual({ id: RG_WEB, displayName: 'rg-web', type: 'resourcegroup' });
    expect(at(WEB)).toMatchObject({
      principal: { id: PAT, displayName: 'Pat Ortiz', email: 'pat@partner.example', type: 'User' },
      roleDefinition: { id: roleId(ROLES.websiteContributor), displayName: 'Website Contributor', type: 'BuiltInRole' },
    });
  });

  it('refuses a listing of everyone’s at the root, and at a scope to someone who may not read it there', async () => {
    const root = await arm('GET', eligible(''), MEGAN);
    expect(root.status).toBe(403);
    expect(root.body).toMatchObject({ error: { code: 'AuthorizationFailed' } });
    expect((await arm('GET', eligible(STORAGE), PAT)).status).toBe(403);
  });

  it('shows an Owner everyone’s eligibilities at, above and below the scope', async () => {
    await kimEligibleAtStorage();
    const res = await arm('GET', eligible(`/subscriptions/${SUB}/resourceGroups/rg-data`), MEGAN);
    expect(
      instances(res.body)
        .map((i) => i.properties.principalId)
        .sort(),
    ).toEqual([KIM, PAT, PAT, YUKI].sort());
  });

  it('with principalId eq, shows only that principal’s, at, above and below the scope', async () => {
    await kimEligibleAtStorage();
    const filter = encodeURIComponent(`principalId eq '${PAT}'`);
    const res = await arm('GET', eligible(`/subscriptions/${SUB}/resourceGroups/rg-data`, filter), MEGAN);
    expect(instances(res.body).map((i) => i.properties.principalId)).toEqual([PAT, PAT]);
    const above = await arm('GET', eligible(WEB, filter), MEGAN);
    expect(instances(above.body).map((i) => i.properties.scope)).toEqual([RG_WEB, WEB]);
    expect((await arm('GET', eligible('', filter), MEGAN)).status).toBe(403);
  });

  it('says how each instance reaches the user: Direct, through a Group (named as theirs), or Inherited from above', async () => {
    const viewers = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
    const RG_DATA = `/subscriptions/${SUB}/resourceGroups/rg-data`;
    sandbox().store.tenant(CONTOSO)?.azure?.roleAssignments.push({
      name: crypto.randomUUID(),
      scope: RG_DATA,
      principalId: viewers,
      principalType: 'Group',
      roleDefinitionId: ROLES.reader,
      createdOn: new Date().toISOString(),
    });
    const active = (scope: string, filter: string) =>
      `${scope}${AUTH}/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=${encodeURIComponent(filter)}`;
    const how = (body: unknown) => instances(body).map((i) => [i.properties.principalId, i.properties.memberType]);
    expect(how((await arm('GET', active(STORAGE, `assignedTo('${KIM}')`), MEGAN)).body)).toEqual([[KIM, 'Group']]);
    expect(how((await arm('GET', active(RG_DATA, `principalId eq '${viewers}'`), MEGAN)).body)).toEqual([[viewers, 'Direct']]);
    expect(how((await arm('GET', active(STORAGE, `principalId eq '${viewers}'`), MEGAN)).body)).toEqual([[viewers, 'Inherited']]);
  });

  it('lists the caller’s standing role assignments as Assigned instances', async () => {
    const res = await arm('GET', `${AUTH}/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=asTarget()`, MEGAN);
    const [owner, ...others] = instances(res.body);
    expect(others).toEqual([]);
    expect(owner?.properties).toMatchObject({
      principalId: MEGAN,
      assignmentType: 'Assigned',
      expandedProperties: {
        scope: { type: 'subscription', displayName: 'Contoso Prod' },
        roleDefinition: { displayName: 'Owner' },
      },
    });
    expect(
      instances(
        (await arm('GET', `${AUTH}/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=asTarget()`, PAT)).body,
      ),
    ).toEqual([]);
  });
});
