import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import {
  AUTH,
  armClient,
  armWithAcrs,
  KIM,
  MEGAN,
  PAT,
  PAT_ELIGIBLE,
  ROLES,
  STORAGE,
  selfRequest,
  WEB,
} from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);
const admin = () => control(sandbox().controlPort, sandbox().controlToken);

interface RequestReply {
  name: string;
  properties: { status: string; approvalId?: string; requestorId: string; createdOn: string; justification?: string };
}
interface Active {
  properties: { scope: string; roleDefinitionId: string; assignmentType: string; startDateTime: string; endDateTime: string };
}
const activeNow = async (user = PAT) =>
  (
    (await arm('GET', `${AUTH}/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=asTarget()`, user)).body as {
      value: Active[];
    }
  ).value;
const blobReader = { scope: STORAGE, role: ROLES.blobReader, linked: PAT_ELIGIBLE.blobReader, justification: 'quarterly audit' };

describe('PIM self-activation', () => {
  it('activates an eligibility at once: Provisioned, and active until start plus the duration', async () => {
    const start = new Date().toISOString();
    const r = selfRequest({ ...blobReader, duration: 'PT1H30M', start });
    const res = await arm('PUT', r.path, PAT, r.body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: r.name,
      properties: {
        status: 'Provisioned',
        requestorId: PAT,
        justification: 'quarterly audit',
        linkedRoleEligibilityScheduleId: blobReader.linked,
      },
    });
    const [active] = await activeNow();
    expect(active?.properties).toMatchObject({ scope: STORAGE, assignmentType: 'Activated', startDateTime: start });
    expect(Date.parse(active?.properties.endDateTime ?? '') - Date.parse(start)).toBe(90 * 60_000);
    const plain = await arm('GET', `${STORAGE}${AUTH}/roleAssignments?api-version=2022-04-01&$filter=atScope()`, MEGAN);
    expect(JSON.stringify(plain.body)).toContain(PAT);
  });

  it('schedules an activation that starts later: Granted, and nothing active before its start', async () => {
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const r = selfRequest({ ...blobReader, start });
    const res = await arm('PUT', r.path, PAT, r.body);
    expect((res.body as RequestReply).properties.status).toBe('Granted');
    expect(await activeNow()).toEqual([]);
    const made = (await admin().state()).tenants[0]?.azure?.roleAssignments.find((a) => a.requestName === r.name);
    expect(made?.startDateTime).toBe(start);
  });

  it('waits for approval, refuses a second request meanwhile, and holds once approved', async () => {
    const r = selfRequest({
      scope: WEB,
      role: ROLES.websiteContributor,
      linked: PAT_ELIGIBLE.websiteContributor,
      justification: 'deploy',
    });
    const res = await arm('PUT', r.path, PAT, r.body);
    expect(res.status).toBe(201);
    expect((res.body as RequestReply).properties).toMatchObject({ status: 'PendingApproval', approvalId: expect.any(String) });
    expect(await activeNow()).toEqual([]);
    const again = selfRequest({
      scope: WEB,
      role: ROLES.websiteContributor,
      linked: PAT_ELIGIBLE.websiteContributor,
      justification: 'deploy',
    });
    expect((await arm('PUT', again.path, PAT, again.body)).body).toMatchObject({
      error: { code: 'PendingRoleAssignmentRequest' },
    });

    expect(await admin().approveRequest(CONTOSO, r.name)).toMatchObject({ status: 'Provisioned' });
    expect((await activeNow()).map((a) => a.properties.scope)).toEqual([WEB]);
    const looked = await arm('GET', r.path, PAT);
    expect((looked.body as RequestReply).properties.status).toBe('Provisioned');
  });

  it('answers with the claims to ask for until the token satisfies the authentication context', async () => {
    const r = selfRequest({
      scope: STORAGE,
      role: ROLES.blobContributor,
      linked: PAT_ELIGIBLE.blobContributor,
      justification: 'fix',
    });
    const refused = await arm('PUT', r.path, PAT, r.body);
    expect(refused.status).toBe(400);
    const claims = '{"access_token":{"acrs":{"essential":true, "value":"c1"}}}';
    expect(refused.body).toEqual({
      error: { code: 'RoleAssignmentRequestAcrsValidationFailed', message: `&claims=${encodeURIComponent(claims)}` },
    });
    const challenge = String(refused.headers['www-authenticate']);
    expect(challenge).toContain('error="insufficient_claims"');
    expect(Buffer.from(/claims="([^"]+)"/.exec(challenge)?.[1] ?? '', 'base64').toString()).toBe(claims);
    expect(await admin().pimRequests(CONTOSO)).toEqual([]);

    const stepped = await armWithAcrs(sandbox, PAT, ['c1'], 'PUT', r.path, r.body);
    expect(stepped.status).toBe(201);
    expect((stepped.body as RequestReply).properties.status).toBe('Provisioned');
  });

  it('never makes a second request under the same name, and finds the first by name', async () => {
    const r = selfRequest(blobReader);
    const first = await arm('PUT', r.path, PAT, r.body);
    const second = await arm('PUT', r.path, PAT, r.body);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'RoleAssignmentRequestExists' } });
    expect((await admin().pimRequests(CONTOSO)).map((x) => x.name)).toEqual([r.name]);
    const looked = await arm('GET', r.path, PAT);
    expect(looked.status).toBe(200);
    expect(looked.body).toEqual(first.body);
  });

  it('answers 404 for a request name it does not have', async () => {
    const res = await arm('GET', selfRequest(blobReader).path, PAT);
    expect(res.status).toBe(404);
  });

  it('refuses to activate for someone else, or without a matching eligibility', async () => {
    const forKim = selfRequest({ ...blobReader, principalId: KIM });
    expect((await arm('PUT', forKim.path, PAT, forKim.body)).status).toBe(403);
    const wrongRole = selfRequest({ ...blobReader, role: ROLES.reader });
    const res = await arm('PUT', wrongRole.path, PAT, wrongRole.body);
    expect(res.body).toMatchObject({
      error: { code: 'RoleAssignmentRequestPolicyValidationFailed', message: expect.stringContaining('EligibilityRule') },
    });
  });

  it('refuses to activate a role that is active already', async () => {
    const r = selfRequest(blobReader);
    await arm('PUT', r.path, PAT, r.body);
    const again = selfRequest(blobReader);
    expect((await arm('PUT', again.path, PAT, again.body)).body).toMatchObject({ error: { code: 'RoleAssignmentExists' } });
  });
});
