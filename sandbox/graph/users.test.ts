import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { graphClient, OLA, PAT, rowsOf } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const partnerGuests = `/users?$count=true&$filter=${encodeURIComponent("userType eq 'Guest' and endswith(mail,'@partner.example')")}`;

describe('users', () => {
  it('finds users by the end of their address as an advanced query, with its count', async () => {
    const res = await graph('GET', `${partnerGuests}&$select=id,mail`, { headers: { ConsistencyLevel: 'eventual' } });
    expect(res.status).toBe(200);
    expect(
      rowsOf(res)
        .map((u) => u.id)
        .sort(),
    ).toEqual([OLA, PAT].sort());
    expect(res.body).toMatchObject({ '@odata.count': 2 });
  });

  it('refuses endswith without ConsistencyLevel: eventual, as Graph does', async () => {
    const res = await graph('GET', partnerGuests);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
  });

  it('refuses a user type Graph does not know', async () => {
    const res = await graph('PATCH', `/users/${PAT}`, { body: { userType: 'Visitor' } });
    expect(res.status).toBe(400);
    expect(
      sandbox()
        .store.tenant(CONTOSO)
        ?.users.find((u) => u.id === PAT)?.userType,
    ).toBe('Guest');
  });
});

describe('control API tenant settings', () => {
  it('refuses an allow/deny list of an unknown kind and keeps the one in force', async () => {
    const set = control(sandbox().controlPort, sandbox().controlToken).setCollaborationRestrictions;
    await expect(set(CONTOSO, { mode: 'blockEverything' as 'denyList', domains: [] })).rejects.toThrow(/400/);
    expect(sandbox().store.tenant(CONTOSO)?.collaborationRestrictions).toEqual({
      mode: 'denyList',
      domains: ['blocked.example'],
    });
  });
});
