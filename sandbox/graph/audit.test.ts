import { describe, expect, it } from 'vitest';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADELE, graphClient, KIM, LEE, messageOf, rowsOf, SALES_GROUP } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const about = (id: string) =>
  `/auditLogs/directoryAudits?$filter=${encodeURIComponent(`targetResources/any(t:t/id eq '${id}')`)}`;
const activities = async (path: string) => rowsOf(await graph('GET', path)).map((a) => a.activityDisplayName);
const sandboxUser = (mail: string) =>
  sandbox()
    .store.tenant(CONTOSO)
    ?.users.find((u) => u.mail === mail)?.id ?? '';
const invite = (email: string) =>
  graph('POST', '/invitations', { body: { invitedUserEmailAddress: email, inviteRedirectUrl: 'https://app.powerbi.com/' } });

describe('the directory audit log', () => {
  it("records a guest's invitation, update, licence and group changes, newest first", async () => {
    const guest = ((await invite('nora@partner.example')).body as { invitedUser: { id: string } }).invitedUser.id;
    await graph('PATCH', `/users/${guest}`, { body: { usageLocation: 'NL', userType: 'Member' } });
    await graph('POST', `/users/${guest}/assignLicense`, { body: { addLicenses: [{ skuId: PRO }], removeLicenses: [] } });
    const ref = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${guest}` };
    await graph('POST', `/groups/${SALES_GROUP}/members/$ref`, { body: ref });
    await graph('DELETE', `/groups/${SALES_GROUP}/members/${guest}/$ref`);
    expect(await activities(about(guest))).toEqual([
      'Remove member from group',
      'Add member to group',
      'Change user license',
      'Update user',
      'Invite external user',
    ]);
    const [removal, , , update, invitation] = rowsOf(await graph('GET', about(guest)));
    expect(invitation).toMatchObject({ category: 'UserManagement', loggedByService: 'Invited Users', result: 'success' });
    expect(update?.targetResources).toMatchObject([
      {
        modifiedProperties: expect.arrayContaining([{ displayName: 'UserType', oldValue: '["Guest"]', newValue: '["Member"]' }]),
      },
    ]);
    expect(removal).toMatchObject({
      category: 'GroupManagement',
      loggedByService: 'Core Directory',
      initiatedBy: {
        user: { displayName: 'Megan Bowen', userPrincipalName: 'megan@contoso.example', ipAddress: null },
        app: null,
      },
      targetResources: [
        { id: guest, type: 'User' },
        { id: SALES_GROUP, type: 'Group', groupType: 'azureAD' },
      ],
    });
  });

  it('records a resend, a reset, a new group and a deletion under their own names', async () => {
    await invite('kim@fabrikam.example');
    const body = { resetRedemption: true, invitedUser: { id: KIM } };
    await graph('POST', '/invitations', {
      body: { invitedUserEmailAddress: 'kim@fabrikam.example', inviteRedirectUrl: 'https://app.powerbi.com/', ...body },
    });
    await graph('DELETE', `/users/${KIM}`);
    expect(await activities(about(KIM))).toEqual([
      'Delete user',
      'Invite external user with reset invitation status',
      'Invite external user',
    ]);
    const group = await graph('POST', '/groups', {
      body: { displayName: 'Audit test', mailEnabled: false, mailNickname: 'audit-test', securityEnabled: true },
    });
    expect(await activities(about((group.body as { id: string }).id))).toEqual(['Add group']);
  });

  it('logs a refused invitation as a failure and creates no one', async () => {
    const refused = await invite('eve@blocked.example');
    expect(refused.status).toBe(400);
    const filter = encodeURIComponent("activityDisplayName eq 'Invite external user'");
    const [entry] = rowsOf(await graph('GET', `/auditLogs/directoryAudits?$filter=${filter}`));
    expect(entry).toMatchObject({ result: 'failure', resultReason: messageOf(refused) });
  });

  it('filters on the time of the activity and keeps to $top', async () => {
    await invite('one@partner.example');
    await invite('two@partner.example');
    await invite('three@partner.example');
    const [first] = rowsOf(await graph('GET', about(sandboxUser('one@partner.example'))));
    const after = encodeURIComponent(`activityDateTime gt ${first?.activityDateTime}`);
    const since = await graph('GET', `/auditLogs/directoryAudits?$filter=${after}`);
    expect(rowsOf(since).map((a) => (a.targetResources as { displayName: string }[])[0]?.displayName)).toEqual(['three', 'two']);
    expect(rowsOf(await graph('GET', '/auditLogs/directoryAudits?$top=1'))).toHaveLength(1);
  });

  it('takes AuditLog.Read.All and a role that may read the log', async () => {
    const noScope = await graph('GET', '/auditLogs/directoryAudits', { scopes: ['https://graph.microsoft.com/User.Read'] });
    expect(noScope.status).toBe(403);
    for (const user of [LEE, ADELE]) {
      const noRole = await graph('GET', '/auditLogs/directoryAudits', { user });
      expect(noRole.status).toBe(403);
      expect(noRole.body).toMatchObject({
        error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
      });
    }
  });
});
