import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { AUTH, armClient, PAT, PAT_ELIGIBLE, RG_WEB, ROLES, STORAGE, selfRequest } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);
const admin = () => control(sandbox().controlPort, sandbox().controlToken);
const blobReader = { scope: STORAGE, role: ROLES.blobReader, linked: PAT_ELIGIBLE.blobReader, justification: 'quarterly audit' };
const refusal = (body: unknown) => (body as { error: { code: string; message: string } }).error;

describe('PIM activation policy and deactivation', () => {
  it('refuses a duration over the policy maximum, naming ExpirationRule, and keeps no request', async () => {
    const r = selfRequest({ ...blobReader, duration: 'PT2H30M' });
    const res = await arm('PUT', r.path, PAT, r.body);
    expect(res.status).toBe(400);
    expect(refusal(res.body).code).toBe('RoleAssignmentRequestPolicyValidationFailed');
    expect(refusal(res.body).message).toMatch(/^The following policy rules failed: ExpirationRule/);
    expect(await admin().pimRequests(CONTOSO)).toEqual([]);
    const atMost = selfRequest({ ...blobReader, duration: 'PT2H' });
    expect((await arm('PUT', atMost.path, PAT, atMost.body)).status).toBe(201);
  });

  it('refuses Reader without a ticket number where the policy asks for one, and takes it with one', async () => {
    const reader = { scope: RG_WEB, role: ROLES.reader, linked: PAT_ELIGIBLE.reader, justification: 'incident' };
    const bare = selfRequest(reader);
    const res = await arm('PUT', bare.path, PAT, bare.body);
    expect(refusal(res.body).message).toContain('TicketingRule');
    expect(refusal(res.body).message).not.toContain('JustificationRule');
    const ticketed = selfRequest({ ...reader, ticketNumber: 'INC-4711' });
    const ok = await arm('PUT', ticketed.path, PAT, ticketed.body);
    expect(ok.body).toMatchObject({ properties: { status: 'Provisioned', ticketInfo: { ticketNumber: 'INC-4711' } } });
  });

  it('refuses an activation without a justification', async () => {
    const r = selfRequest({ ...blobReader, justification: undefined });
    expect(refusal((await arm('PUT', r.path, PAT, r.body)).body).message).toContain('JustificationRule');
  });

  it('refuses to deactivate in the first five minutes, and deactivates once the minimum is lifted', async () => {
    const r = selfRequest(blobReader);
    expect((await arm('PUT', r.path, PAT, r.body)).status).toBe(201);
    const off = () => selfRequest({ scope: STORAGE, role: ROLES.blobReader, requestType: 'SelfDeactivate' });
    const early = off();
    const refused = await arm('PUT', early.path, PAT, early.body);
    expect(refused.status).toBe(400);
    expect(refusal(refused.body).code).toBe('ActiveDurationTooShort');

    await admin().minimumActiveSeconds(0);
    const later = off();
    const done = await arm('PUT', later.path, PAT, later.body);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ properties: { requestType: 'SelfDeactivate', status: 'Revoked' } });
    const active = await arm('GET', `${AUTH}/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=asTarget()`, PAT);
    expect((active.body as { value: unknown[] }).value).toEqual([]);

    const nothing = off();
    expect(refusal((await arm('PUT', nothing.path, PAT, nothing.body)).body).code).toBe('RoleAssignmentDoesNotExist');
  });
});
