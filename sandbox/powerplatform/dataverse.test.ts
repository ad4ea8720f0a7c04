import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import {
  ADMIN,
  bapClient,
  dataverseClient,
  KIM,
  LEE,
  MEGAN,
  MEGAN_IN_SALES,
  SALES,
  SALES_GROUP,
  SALES_HOST,
  SALES_ROLES,
  V,
} from './pp-test-client.ts';

const sandbox = sandboxPerFile();
const bap = bapClient(sandbox);
const dv = dataverseClient(sandbox);
type Rows = { value: Record<string, unknown>[] };
const byObjectId = (id: string) =>
  `systemusers?$select=systemuserid,fullname,domainname&$filter=azureactivedirectoryobjectid eq ${id}`;

/** Kim (a guest) into the Sales security group, as the extension would through Graph. */
function addKimToSalesGroup() {
  const group = sandbox()
    .store.tenant(CONTOSO)
    ?.groups.find((g) => g.id === SALES_GROUP);
  group?.members.push(KIM);
}

describe('the Dataverse Web API of an environment', () => {
  it('lists the common roles, each of the root business unit', async () => {
    const reply = await dv('GET', "roles?$select=roleid,name&$filter=name eq 'Basic User'", MEGAN);
    expect(reply.status).toBe(200);
    expect((reply.body as Rows).value).toEqual([expect.objectContaining({ roleid: SALES_ROLES.basicUser, name: 'Basic User' })]);
    const all = ((await dv('GET', 'roles?$select=name', MEGAN)).body as Rows).value.map((r) => r.name);
    expect(all).toEqual(['Basic User', 'Environment Maker', 'System Customizer', 'System Administrator', 'Sales Assistant']);
  });

  it('names the roles holding a privilege through a lambda filter, and each standard role its template', async () => {
    const filter = "roleprivileges_association/any(p:p/name eq 'prvAssignRole' or p/name eq 'prvImportCustomization')";
    const reply = await dv('GET', `roles?$select=name,_roletemplateid_value&$filter=${encodeURIComponent(filter)}`, MEGAN);
    expect((reply.body as { value: { name: string; _roletemplateid_value: string | null }[] }).value).toEqual([
      expect.objectContaining({ name: 'System Customizer', _roletemplateid_value: '119f245c-3cc8-4b62-b31c-d1a046ced15d' }),
      expect.objectContaining({ name: 'System Administrator', _roletemplateid_value: '627090ff-40a3-4053-8790-584edc5be201' }),
      expect.objectContaining({ name: 'Sales Assistant', _roletemplateid_value: null }),
    ]);
  });

  it('has no systemuser for a guest until they are in the group and synced', async () => {
    expect(((await dv('GET', byObjectId(KIM), MEGAN)).body as Rows).value).toEqual([]);
    addKimToSalesGroup();
    expect(((await dv('GET', byObjectId(KIM), MEGAN)).body as Rows).value).toEqual([]);
    expect((await bap('POST', `${ADMIN}/${SALES}/addUser?${V}`, MEGAN, { ObjectId: KIM })).status).toBe(200);
    const rows = ((await dv('GET', byObjectId(KIM), MEGAN)).body as Rows).value;
    expect(rows).toEqual([
      expect.objectContaining({ fullname: 'Kim Akers', domainname: 'kim_fabrikam.example#EXT#@contoso.onmicrosoft.com' }),
    ]);
  });

  it('assigns a role once: a second association is a duplicate key', async () => {
    addKimToSalesGroup();
    await bap('POST', `${ADMIN}/${SALES}/addUser?${V}`, MEGAN, { ObjectId: KIM });
    const [kim] = ((await dv('GET', byObjectId(KIM), MEGAN)).body as Rows).value;
    const path = `systemusers(${kim?.systemuserid})/systemuserroles_association`;
    const ref = { '@odata.id': `https://${SALES_HOST}/api/data/v9.2/roles(${SALES_ROLES.basicUser})` };
    expect((await dv('POST', `${path}/$ref`, MEGAN, ref)).status).toBe(204);
    const again = await dv('POST', `${path}/$ref`, MEGAN, ref);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: '0x80040237' } });
    const roles = ((await dv('GET', `${path}?$select=roleid,name`, MEGAN)).body as Rows).value.map((r) => r.name);
    expect(roles).toEqual(['Basic User']);
  });

  it('answers a systemuser that does not exist with 0x80040217', async () => {
    const reply = await dv('GET', 'systemusers(00000000-0000-4000-8000-000000000000)', MEGAN);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: { code: '0x80040217' } });
  });

  it('refuses role assignment to a user without System Administrator (0x80040220)', async () => {
    await bap('POST', `${ADMIN}/${SALES}/addUser?${V}`, MEGAN, { ObjectId: LEE });
    const ref = { '@odata.id': `https://${SALES_HOST}/api/data/v9.2/roles(${SALES_ROLES.systemAdministrator})` };
    const reply = await dv('POST', `systemusers(${MEGAN_IN_SALES})/systemuserroles_association/$ref`, LEE, ref);
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ error: { code: '0x80040220' } });
  });

  it('refuses a token for another instance with a bare 401 and its challenge', async () => {
    const reply = await dv('GET', 'roles', MEGAN, undefined, 'https://contoso-dev.crm.dynamics.com');
    expect(reply.status).toBe(401);
    expect(String(reply.headers['www-authenticate'])).toContain(`resource_id=https://${SALES_HOST}/`);
  });

  it('throttles with the service protection error and Retry-After when a fault rule says so', async () => {
    await control(sandbox().controlPort, sandbox().controlToken).addFault({
      host: SALES_HOST,
      status: 429,
      retryAfterSeconds: 3,
    });
    const reply = await dv('GET', 'roles', MEGAN);
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('3');
    expect(reply.body).toMatchObject({ error: { code: '0x80072322' } });
  });
});
