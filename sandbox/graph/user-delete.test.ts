import { describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADELE, graphClient, KIM, LEE, MEGAN, SALES_GROUP } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const contoso = () => sandbox().store.tenant(CONTOSO);

describe('deleting a user', () => {
  it('soft-deletes the guest: gone from /users and their groups, kept 30 days with what a restore gives back', async () => {
    expect((await graph('DELETE', `/users/${KIM}`)).status).toBe(204);
    expect((await graph('GET', `/users/${KIM}`)).status).toBe(404);
    expect(contoso()?.groups.find((g) => g.id === SALES_GROUP)?.members).toEqual([LEE]);
    expect(contoso()?.deletedUsers).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: KIM }), memberOf: [SALES_GROUP], sponsorOf: [] }),
    ]);
    expect((await graph('DELETE', `/users/${KIM}`)).status).toBe(404);
  });

  it('refuses to delete the signed-in user', async () => {
    const res = await graph('DELETE', `/users/${MEGAN}`);
    expect(res.status).toBe(403);
    expect(contoso()?.users.some((u) => u.id === MEGAN)).toBe(true);
  });

  it('refuses a caller without a role that may delete users, and a token without the permission', async () => {
    expect((await graph('DELETE', `/users/${KIM}`, { user: ADELE })).status).toBe(403);
    const scopes = ['https://graph.microsoft.com/User.Read.All'];
    expect((await graph('DELETE', `/users/${KIM}`, { scopes })).body).toMatchObject({
      error: { code: 'Authorization_RequestDenied' },
    });
  });

  it('takes a User.DeleteRestore.All token, the least privileged permission', async () => {
    const scopes = ['https://graph.microsoft.com/User.DeleteRestore.All'];
    expect((await graph('DELETE', `/users/${KIM}`, { scopes })).status).toBe(204);
  });
});
