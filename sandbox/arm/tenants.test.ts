import { describe, expect, it } from 'vitest';
import { sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { ADELE, armClient, KIM, MEGAN, PAT, PAT_ELIGIBLE, ROLES, STORAGE, SUB, selfRequest } from './arm-test-client.ts';

const sandbox = sandboxPerFile();
const arm = armClient(sandbox);
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const PARTNER = '9d4c2b1a-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

const tenants = async (user: string) =>
  ((await arm('GET', '/tenants?api-version=2022-12-01', user)).body as { value: { tenantId: string; tenantCategory: string }[] })
    .value;
const subscriptions = async (user: string) =>
  ((await arm('GET', '/subscriptions?api-version=2022-12-01', user)).body as { value: { subscriptionId: string }[] }).value.map(
    (s) => s.subscriptionId,
  );

describe('tenants and subscriptions of the signed-in person', () => {
  it('lists a guest’s home tenant as Home and the inviting tenant as ProjectedBy', async () => {
    const value = await tenants(PAT);
    expect(value.map((t) => [t.tenantId, t.tenantCategory]).sort()).toEqual(
      [
        [CONTOSO, 'ProjectedBy'],
        [PARTNER, 'Home'],
      ].sort(),
    );
    expect(value.find((t) => t.tenantId === PARTNER)).toEqual({
      id: `/tenants/${PARTNER}`,
      tenantId: PARTNER,
      tenantCategory: 'Home',
      countryCode: 'GB',
      displayName: 'Partner Ltd',
      domains: ['partnerltd.onmicrosoft.com', 'partner.example'],
      defaultDomain: 'partnerltd.onmicrosoft.com',
      tenantType: 'AAD',
    });
  });

  it('lists a member’s own tenant as Home, and a guest with no home here as ProjectedBy only', async () => {
    expect(await tenants(MEGAN)).toMatchObject([{ tenantId: CONTOSO, tenantCategory: 'Home' }]);
    expect(await tenants(KIM)).toMatchObject([{ tenantId: CONTOSO, tenantCategory: 'ProjectedBy' }]);
  });

  it('lists the subscriptions where the caller holds a role now, and not the others', async () => {
    expect(await subscriptions(MEGAN)).toEqual([SUB]);
    expect(await subscriptions(ADELE)).toEqual([SUB]);
    expect(await subscriptions(PAT)).toEqual([]);
  });

  it('lists the subscription once an activation below it holds', async () => {
    const r = selfRequest({ scope: STORAGE, role: ROLES.blobReader, linked: PAT_ELIGIBLE.blobReader, justification: 'audit' });
    expect((await arm('PUT', r.path, PAT, r.body)).status).toBe(201);
    expect(await subscriptions(PAT)).toEqual([SUB]);
  });
});
