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

describe('restoring a deleted user', () => {
  it('reads the deleted guest by id and restores them with their groups, then answers 404 to a second restore', async () => {
    expect((await graph('DELETE', `/users/${KIM}`)).status).toBe(204);
    const read = await graph('GET', `/directory/deletedItems/${KIM}?$select=id,displayName,deletedDateTime`);
    expect(read.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: KIM });
    expect(Date.parse((read.body as { deletedDateTime: string }).deletedDateTime)).toBeGreaterThan(Date.now() - 60_000);
    const restored = await graph('POST', `/directory/deletedItems/${KIM}/restore`, { body: {} });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: KIM });
    expect((await graph('GET', `/users/${KIM}`)).status).toBe(200);
    expect(contoso()?.groups.find((g) => g.id === SALES_GROUP)?.members).toContain(KIM);
    expect(contoso()?.audits?.at(-1)).toMatchObject({ activityDisplayName: 'Restore user' });
    expect((await graph('POST', `/directory/deletedItems/${KIM}/restore`, { body: {} })).body).toMatchObject({
      error: { code: 'Request_ResourceNotFound' },
    });
  });

  it('has nothing to read or restore for a user deleted more than 30 days ago: Entra deleted them for good', async () => {
    expect((await graph('DELETE', `/users/${KIM}`)).status).toBe(204);
    const kept = contoso()?.deletedUsers?.[0];
    if (kept) kept.deletedDateTime = new Date(Date.now() - 31 * 24 * 3600_000).toISOString();
    expect((await graph('GET', `/directory/deletedItems/${KIM}`)).status).toBe(404);
    expect((await graph('POST', `/directory/deletedItems/${KIM}/restore`, { body: {} })).status).toBe(404);
    expect((await graph('GET', `/users/${KIM}`)).status).toBe(404);
  });

  it('refuses a caller who may not restore users, and a token without the permission', async () => {
    expect((await graph('DELETE', `/users/${KIM}`)).status).toBe(204);
    expect((await graph('POST', `/directory/deletedItems/${KIM}/restore`, { user: ADELE, body: {} })).status).toBe(403);
    const scopes = ['https://graph.microsoft.com/User.Read.All'];
    expect((await graph('POST', `/directory/deletedItems/${KIM}/restore`, { scopes, body: {} })).status).toBe(403);
    expect((await graph('GET', `/directory/deletedItems/${KIM}`, { scopes })).status).toBe(200);
  });
});
