import { describe, expect, it } from 'vitest';
import { sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADELE, graphClient, KIM, LEE, MEGAN, messageOf, PAT, rowsOf } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${id}` });
const sponsorIds = async (user: string) => rowsOf(await graph('GET', `/users/${user}/sponsors`)).map((s) => s.id);

describe('sponsors', () => {
  it('adds a sponsor once, lists them as users, and says so when asked twice', async () => {
    const add = () => graph('POST', `/users/${PAT}/sponsors/$ref`, { body: ref(ADELE) });
    expect((await add()).status).toBe(204);
    const again = await add();
    expect(again.status).toBe(400);
    expect(messageOf(again)).toBe(
      "One or more added object references already exist for the following modified properties: 'sponsors'.",
    );
    const res = await graph('GET', `/users/${PAT}/sponsors?$select=id,displayName,mail`);
    expect(rowsOf(res)).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: ADELE, displayName: 'Adele Vance', mail: 'adele@contoso.example' },
    ]);
  });

  it('answers 404 for a sponsor who does not exist', async () => {
    const res = await graph('POST', `/users/${PAT}/sponsors/$ref`, { body: ref('00000000-0000-4000-8000-000000000000') });
    expect(res.status).toBe(404);
  });

  it('refuses a caller without a role that may change sponsors', async () => {
    const res = await graph('POST', `/users/${PAT}/sponsors/$ref`, { user: ADELE, body: ref(LEE) });
    expect(res.status).toBe(403);
  });

  it("makes an invitation's invitedUserSponsors the new guest's sponsors", async () => {
    const res = await graph('POST', '/invitations', {
      body: {
        invitedUserEmailAddress: 'nora@partner.example',
        inviteRedirectUrl: 'https://app.powerbi.com/',
        invitedUserSponsors: [{ id: ADELE }, { id: MEGAN }],
      },
    });
    expect(res.status).toBe(201);
    const guest = (res.body as { invitedUser: { id: string } }).invitedUser.id;
    expect((await sponsorIds(guest)).sort()).toEqual([ADELE, MEGAN].sort());
  });

  it('refuses an invitation naming a sponsor who does not exist, and creates no guest', async () => {
    const res = await graph('POST', '/invitations', {
      body: {
        invitedUserEmailAddress: 'omar@partner.example',
        inviteRedirectUrl: 'https://app.powerbi.com/',
        invitedUserSponsors: [{ id: '00000000-0000-4000-8000-000000000000' }],
      },
    });
    expect(res.status).toBe(400);
    const found = await graph('GET', `/users?$filter=${encodeURIComponent("mail eq 'omar@partner.example'")}`);
    expect(rowsOf(found)).toEqual([]);
  });

  it('takes a deleted sponsor off the guests they sponsored', async () => {
    await graph('POST', `/users/${KIM}/sponsors/$ref`, { body: ref(LEE) });
    expect((await graph('DELETE', `/users/${LEE}`)).status).toBe(204);
    expect(await sponsorIds(KIM)).toEqual([]);
  });
});
