import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { graphClient, KIM, LEE, messageOf, OLA, PARTNER_RULE, PAT, rowsOf, SALES_GROUP } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const partnerGroup = {
  displayName: 'Guests from partner.example',
  description: 'Partner guests',
  mailEnabled: false,
  mailNickname: 'guests-partner-example',
  securityEnabled: true,
  groupTypes: ['DynamicMembership'],
  membershipRule: PARTNER_RULE,
  membershipRuleProcessingState: 'On',
};
const create = async (over: object = {}) => graph('POST', '/groups', { body: { ...partnerGroup, ...over } });
const createdId = async () => ((await create()).body as { id: string }).id;
const memberIds = async (id: string, part = 'members') => rowsOf(await graph('GET', `/groups/${id}/${part}`)).map((m) => m.id);

describe('dynamic groups', () => {
  it('creates a dynamic security group whose members are the users its rule admits', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ groupTypes: ['DynamicMembership'], membershipRule: PARTNER_RULE, securityEnabled: true });
    const id = (res.body as { id: string }).id;
    expect((await memberIds(id)).sort()).toEqual([OLA, PAT].sort());
    expect((await memberIds(id, 'transitiveMembers')).sort()).toEqual([OLA, PAT].sort());
  });

  it('lets a new guest of the domain in, and a deleted one out, on the next read', async () => {
    const id = await createdId();
    const invited = await graph('POST', '/invitations', {
      body: { invitedUserEmailAddress: 'nora@partner.example', inviteRedirectUrl: 'https://app.powerbi.com/' },
    });
    const nora = (invited.body as { invitedUser: { id: string } }).invitedUser.id;
    expect(await memberIds(id)).toContain(nora);
    expect((await graph('DELETE', `/users/${OLA}`)).status).toBe(204);
    expect((await memberIds(id)).sort()).toEqual([PAT, nora].sort());
  });

  it('refuses a rule that does not parse, with Entra validation message', async () => {
    const res = await create({ membershipRule: '(user.userType -eq "Guest"' });
    expect(res.status).toBe(400);
    expect(messageOf(res)).toMatch(/^Dynamic membership rule validation error/);
    const patch = await graph('PATCH', `/groups/${await createdId()}`, { body: { membershipRule: 'user.nope -eq "x"' } });
    expect(patch.status).toBe(400);
  });

  it('refuses a -match pattern that would backtrack without end, as Graph refuses an invalid rule', async () => {
    const res = await create({ membershipRule: 'user.displayName -match "(a+)+$"' });
    expect(res.status).toBe(400);
    expect(messageOf(res)).toMatch(/^Dynamic membership rule validation error: The -match pattern repeats a group/);
  });

  it('requires a mail nickname, and refuses one with a character Graph forbids', async () => {
    expect(messageOf(await create({ mailNickname: undefined }))).toMatch(/required for property 'mailNickname'/);
    expect((await create({ mailNickname: 'guests@partner' })).status).toBe(400);
  });

  it("refuses a mail nickname longer than Graph's 64 characters, and takes one of exactly 64", async () => {
    const tooLong = await create({ mailNickname: 'g'.repeat(65) });
    expect(tooLong.status).toBe(400);
    expect(messageOf(tooLong)).toBe("Invalid value specified for property 'mailNickname' of resource 'Group'.");
    expect((await create({ mailNickname: 'g'.repeat(64) })).status).toBe(201);
  });

  it('refuses to add or remove members of a dynamic group by hand', async () => {
    const id = await createdId();
    const add = await graph('POST', `/groups/${id}/members/$ref`, {
      body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${KIM}` },
    });
    expect(add.status).toBe(403);
    expect((await graph('DELETE', `/groups/${id}/members/${PAT}/$ref`)).status).toBe(403);
  });

  it('changes the rule and pauses processing with PATCH; a paused group keeps its members', async () => {
    const id = await createdId();
    const rule = 'user.mail -eq "pat@partner.example"';
    expect((await graph('PATCH', `/groups/${id}`, { body: { membershipRule: rule, description: 'Pat only' } })).status).toBe(204);
    expect(await memberIds(id)).toEqual([PAT]);
    await graph('PATCH', `/groups/${id}`, { body: { membershipRuleProcessingState: 'Paused' } });
    await graph('PATCH', `/groups/${id}`, { body: { membershipRule: PARTNER_RULE } });
    expect(await memberIds(id)).toEqual([PAT]);
    const group = await graph('GET', `/groups/${id}?$select=description,membershipRuleProcessingState`);
    expect(group.body).toMatchObject({ description: 'Pat only', membershipRuleProcessingState: 'Paused' });
  });

  it('finds a group by its mail nickname and projects $select', async () => {
    const id = await createdId();
    const filter = encodeURIComponent("mailNickname eq 'guests-partner-example'");
    const res = await graph('GET', `/groups?$filter=${filter}&$select=id,groupTypes`);
    expect(rowsOf(res)).toEqual([{ id, groupTypes: ['DynamicMembership'] }]);
  });
});

describe('group members and memberships', () => {
  it('removes a member with DELETE $ref, and answers 404 when they are not one', async () => {
    const remove = () => graph('DELETE', `/groups/${SALES_GROUP}/members/${KIM}/$ref`);
    expect((await remove()).status).toBe(204);
    expect(await memberIds(SALES_GROUP)).toEqual([LEE]);
    const again = await remove();
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    const state = await control(sandbox().controlPort, sandbox().controlToken).state();
    expect(state.tenants.find((t) => t.id === CONTOSO)?.groups.find((g) => g.id === SALES_GROUP)?.members).toEqual([LEE]);
  });

  it("lists a user's groups, dynamic ones included, with their type and $select", async () => {
    const id = await createdId();
    const res = await graph('GET', `/users/${PAT}/transitiveMemberOf?$select=displayName,groupTypes`);
    const groups = rowsOf(res).filter((g) => g['@odata.type'] === '#microsoft.graph.group');
    expect(groups.map((g) => g.id)).toEqual(expect.arrayContaining([id, '2d8f3c4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f']));
    expect(groups.find((g) => g.id === id)).toEqual({
      '@odata.type': '#microsoft.graph.group',
      id,
      displayName: 'Guests from partner.example',
      groupTypes: ['DynamicMembership'],
    });
  });

  it("lists an admin's directory roles among their transitive memberships", async () => {
    const res = await graph('GET', '/users/c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a/transitiveMemberOf');
    expect(rowsOf(res)).toContainEqual(
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.directoryRole',
        roleTemplateId: '62e90394-69f5-4237-9190-012177145e10',
      }),
    );
  });
});

describe('nested groups', () => {
  it('lists a nested group among the direct members, and its people among the transitive ones only', async () => {
    const c = control(sandbox().controlPort, sandbox().controlToken);
    const inner = 'a1b2c3d4-0000-4000-8000-00000000000a';
    const outer = 'a1b2c3d4-0000-4000-8000-00000000000b';
    await c.addGroup(CONTOSO, { id: inner, displayName: 'Inner', members: [PAT] });
    await c.addGroup(CONTOSO, { id: outer, displayName: 'Outer', members: [LEE, inner] });
    const direct = rowsOf(await graph('GET', `/groups/${outer}/members?$select=id`));
    expect(direct).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: LEE },
      { '@odata.type': '#microsoft.graph.group', id: inner },
    ]);
    expect((await memberIds(outer, 'transitiveMembers')).sort()).toEqual([LEE, PAT, inner].sort());
  });
});
