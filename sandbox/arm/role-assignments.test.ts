import { describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADELE, AUTH, armClient, KIM, MEGAN, PAT, ROLES, roleId, STORAGE, SUB } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);
const RG_DATA = `/subscriptions/${SUB}/resourceGroups/rg-data`;
const assignmentPath = (scope: string, name: string) => `${scope}${AUTH}/roleAssignments/${name}?api-version=2022-04-01`;
const list = (scope: string, filter: string) =>
  `${scope}${AUTH}/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(filter)}`;
const principals = (body: unknown) =>
  (body as { value: { properties: { principalId: string; scope: string } }[] }).value.map((a) => a.properties.principalId);

/** Megan gives Kim Reader on the storage account, as a plain role assignment. */
async function kimReader(name = crypto.randomUUID()) {
  const body = { properties: { roleDefinitionId: roleId(ROLES.reader), principalId: KIM, principalType: 'User' } };
  expect((await arm('PUT', assignmentPath(STORAGE, name), MEGAN, body)).status).toBe(201);
  return name;
}

describe('RBAC role assignments: delete', () => {
  it('deletes an assignment with 200 and the assignment, and answers 204 when it is gone', async () => {
    const name = await kimReader();
    const gone = await arm('DELETE', assignmentPath(STORAGE, name), MEGAN);
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ name, properties: { principalId: KIM, scope: STORAGE } });
    expect((await arm('DELETE', assignmentPath(STORAGE, name), MEGAN)).status).toBe(204);
    expect(principals((await arm('GET', list(STORAGE, 'atScope()'), MEGAN)).body)).not.toContain(KIM);
  });

  it('reads one assignment by its name, with whose it is, and answers 404 once it is deleted', async () => {
    const name = await kimReader();
    const read = await arm('GET', assignmentPath(STORAGE, name), MEGAN);
    expect(read).toMatchObject({ status: 200, body: { name, properties: { principalId: KIM } } });
    await arm('DELETE', assignmentPath(STORAGE, name), MEGAN);
    const gone = await arm('GET', assignmentPath(STORAGE, name), MEGAN);
    expect(gone).toMatchObject({ status: 404, body: { error: { code: 'RoleAssignmentNotFound' } } });
  });

  it('refuses a caller without roleAssignments/delete, before looking for the assignment', async () => {
    const name = await kimReader();
    for (const target of [name, crypto.randomUUID()]) {
      const res = await arm('DELETE', assignmentPath(STORAGE, target), ADELE);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'AuthorizationFailed' } });
    }
    expect(principals((await arm('GET', list(STORAGE, 'atScope()'), MEGAN)).body)).toContain(KIM);
  });

  it('records no directory audit entry for a plain RBAC assignment or its removal', async () => {
    await arm('DELETE', assignmentPath(STORAGE, await kimReader()), MEGAN);
    expect(sandbox().store.tenant(CONTOSO)?.audits ?? []).toEqual([]);
  });

  it('answers with ARM’s throttling error when a fault is switched on for the route', async () => {
    sandbox().faults.add({ host: 'management.azure.com', method: 'DELETE', path: '/roleAssignments/', status: 429, times: 1 });
    const res = await arm('DELETE', assignmentPath(STORAGE, crypto.randomUUID()), MEGAN);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatchObject({ error: { code: 'TooManyRequests' } });
  });
});

describe('RBAC role assignments: list for a principal', () => {
  it('with principalId eq, shows that principal’s at, above and below the scope, and no one else’s', async () => {
    await kimReader();
    const mine = await arm('GET', list(RG_DATA, `principalId eq '${MEGAN}'`), MEGAN);
    expect(principals(mine.body)).toEqual([MEGAN]);
    const kims = await arm('GET', list(RG_DATA, `principalId eq '${KIM}'`), MEGAN);
    expect((kims.body as { value: { properties: { scope: string } }[] }).value.map((a) => a.properties.scope)).toEqual([STORAGE]);
  });

  it('with assignedTo, shows a user’s own and those of the groups they are in', async () => {
    const viewers = '0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
    sandbox().store.tenant(CONTOSO)?.azure?.roleAssignments.push({
      name: crypto.randomUUID(),
      scope: RG_DATA,
      principalId: viewers,
      principalType: 'Group',
      roleDefinitionId: ROLES.reader,
      createdOn: new Date().toISOString(),
    });
    await kimReader();
    const res = await arm('GET', list(STORAGE, `assignedTo('${KIM}')`), MEGAN);
    expect(principals(res.body).sort()).toEqual([KIM, viewers].sort());
    expect(principals((await arm('GET', list(STORAGE, `assignedTo('${PAT}')`), MEGAN)).body)).toEqual([]);
  });
});
