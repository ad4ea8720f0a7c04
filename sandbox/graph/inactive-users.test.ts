import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { graphClient, rowsOf } from './graph-test-client.ts';

/** The queries that find inactive guests (issue 27): signInActivity's filter rules, and accountEnabled. */

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const INES = '8d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f5a';
const VIKTOR = 'b05b6c7d-8e9f-4a0b-91bc-3e4f5a6b7c8e';
const q = (filter: string) => `/users?$filter=${encodeURIComponent(filter)}&$select=id,displayName,userType,signInActivity`;

describe('inactive users', () => {
  it('filters on the last sign-in, leaving out those who never signed in', async () => {
    const res = await graph('GET', q('signInActivity/lastSignInDateTime le 2026-09-01T00:00:00Z'));
    expect(res.status).toBe(200);
    expect(rowsOf(res).map((u) => u.id)).toEqual([INES]);
  });

  it('refuses a sign-in filter beside another property, as Graph does', async () => {
    const res = await graph('GET', q("signInActivity/lastSignInDateTime le 2026-09-01T00:00:00Z and userType eq 'Guest'"));
    expect(res.status).toBe(400);
    expect((res.body as { error: { code: string } }).error.code).toBe('Request_UnsupportedQuery');
  });

  it('gives at most 120 users a page when signInActivity is asked for', async () => {
    const users = sandbox().store.tenant(CONTOSO)?.users;
    for (let i = 0; i < 130; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      users?.push({
        id,
        displayName: `Many ${i}`,
        userPrincipalName: `many${i}@contoso.example`,
        userType: 'Member',
        directoryRoles: [],
      });
    }
    expect(rowsOf(await graph('GET', '/users?$select=id&$top=999')).length).toBeGreaterThan(120);
    const res = await graph('GET', '/users?$select=id,signInActivity&$top=999');
    expect(rowsOf(res)).toHaveLength(120);
    expect(res.body).toHaveProperty('@odata.nextLink');
    users?.splice(-130);
  });

  it('keeps accountEnabled as written', async () => {
    const read = async () => (await graph('GET', `/users/${VIKTOR}?$select=id,accountEnabled`)).body;
    expect(await read()).toMatchObject({ accountEnabled: true });
    expect((await graph('PATCH', `/users/${VIKTOR}`, { body: { accountEnabled: false } })).status).toBe(204);
    expect(await read()).toMatchObject({ accountEnabled: false });
  });

  it('refuses the sign-in filter in a tenant without Entra ID P1', async () => {
    await control(sandbox().controlPort, sandbox().controlToken).setEntraIdPlan(CONTOSO, 'Free');
    const res = await graph(
      'GET',
      `/users?$filter=${encodeURIComponent('signInActivity/lastSignInDateTime le 2026-09-01T00:00:00Z')}`,
    );
    expect(res.status).toBe(403);
    expect((res.body as { error: { code: string } }).error.code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
  });
});
