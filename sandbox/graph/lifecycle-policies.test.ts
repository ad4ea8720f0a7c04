import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADELE, graphClient, LEE, MEGAN, rowsOf, SCOPES } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const RAFAEL = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const TOMAS = '9e3f4a5b-6c7d-4e8f-a09b-1c2d3e4f5a6b';
const POLICIES = '/identityGovernance/lifecycleWorkflows/lifecyclePolicies';
const ctl = () => control(sandbox().controlPort, sandbox().controlToken);
const codeOf = (r: { body: unknown }) => (r.body as { error: { code: string } }).error.code;
const attest = (id: string, user = MEGAN, scopes = SCOPES) =>
  graph('POST', `/users/${id}/microsoft.graph.identityGovernance.attest`, { user, scopes });

describe('guest lifecycle policies', () => {
  it('without Microsoft Entra ID Governance: refused as identity governance refuses it, nothing recorded', async () => {
    const list = await graph('GET', POLICIES);
    expect(list.status).toBe(403);
    expect(codeOf(list)).toBe('NoLicense');
    const sent = await attest(RAFAEL);
    expect(sent.status).toBe(403);
    expect(codeOf(sent)).toBe('NoLicense');
    expect(await ctl().attestations(CONTOSO)).toEqual([]);
  });

  it("lists the tenant's guest policy, its rules only when expanded", async () => {
    await ctl().setIdGovernance(CONTOSO, true);
    const plain = rowsOf(await graph('GET', POLICIES));
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.identityGovernance.guestLifecyclePolicy',
      isEnabled: true,
      gracePeriodInDays: 30,
    });
    expect(plain[0]).not.toHaveProperty('rules');
    const rules = rowsOf<{ rules: { attestationIntervalInDays?: number }[] }>(await graph('GET', `${POLICIES}?$expand=rules`))[0]
      ?.rules;
    expect(rules).toContainEqual(expect.objectContaining({ attestationIntervalInDays: 90 }));
    const one = await graph('GET', `${POLICIES}/${(plain[0] as { id: string }).id}?$expand=rules`);
    expect(one.body).toMatchObject({ gracePeriodInDays: 30, rules: expect.any(Array) });
    expect((await graph('GET', `${POLICIES}/no-such-policy`)).status).toBe(404);
  });

  it("reads a guest's standing, and a sponsor's attestation is recorded with who and when, then read back", async () => {
    await ctl().setIdGovernance(CONTOSO, true);
    // Adele sponsors Tomás; she holds no lifecycle role.
    const before = await graph('GET', `/users/${TOMAS}/lifecycle?$expand=effectiveGoverningPolicy($expand=rules)`, {
      user: ADELE,
    });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ lastAttestationDateTime: null });
    expect((before.body as { effectiveGoverningPolicy: { rules: unknown[] } }).effectiveGoverningPolicy.rules).toHaveLength(3);
    expect((await attest(TOMAS, ADELE)).status).toBe(204);
    const [made] = await ctl().attestations(CONTOSO);
    expect(made).toMatchObject({ userId: TOMAS, by: ADELE });
    const after = await graph('GET', `/users/${TOMAS}/lifecycle`, { user: ADELE });
    expect(after.body).toMatchObject({ lastAttestationDateTime: made?.at, complianceState: 'compliant' });
  });

  it('refuses a caller who neither sponsors the guest nor holds a lifecycle role, and one without the scope', async () => {
    await ctl().setIdGovernance(CONTOSO, true);
    expect((await attest(RAFAEL, LEE)).status).toBe(403);
    expect((await attest(RAFAEL, ADELE)).status).toBe(403);
    const without = SCOPES.filter((s) => !s.endsWith('LifecyclePolicies-Guests.ReadWrite.All'));
    expect((await attest(RAFAEL, MEGAN, without)).status).toBe(403);
    expect((await graph('GET', POLICIES, { user: ADELE })).status).toBe(403);
    expect(await ctl().attestations(CONTOSO)).toEqual([]);
  });

  it('attests only guests', async () => {
    await ctl().setIdGovernance(CONTOSO, true);
    expect((await attest(LEE)).status).toBe(400);
  });
});
