import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { graphClient, PARTNER_LTD, rowsOf, SCOPES } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const find = (id: string) => `/tenantRelationships/findTenantInformationByTenantId(tenantId='${id}')`;

describe("another organization's tenant information by tenant id", () => {
  it("gives Partner Ltd's name and default domain", async () => {
    const res = await graph('GET', find(PARTNER_LTD));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenantId: PARTNER_LTD,
      displayName: 'Partner Ltd',
      defaultDomainName: 'partner.example',
      federationBrandName: null,
    });
  });

  it('answers 404 Directory_ObjectNotFound for a tenant Entra does not know', async () => {
    const res = await graph('GET', find('00000000-0000-4000-8000-000000000000'));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'Directory_ObjectNotFound' } });
  });

  it('refuses a token without CrossTenantInformation.ReadBasic.All', async () => {
    const scopes = SCOPES.filter((s) => !s.endsWith('/CrossTenantInformation.ReadBasic.All'));
    expect((await graph('GET', find(PARTNER_LTD), { scopes })).status).toBe(403);
  });
});

describe("the organization's country", () => {
  it('is the Netherlands unless a test registers the tenant in none', async () => {
    const country = async () => rowsOf(await graph('GET', '/organization?$select=id,countryLetterCode'))[0]?.countryLetterCode;
    expect(await country()).toBe('NL');
    await control(sandbox().controlPort, sandbox().controlToken).setTenantCountry(CONTOSO, null);
    expect(await country()).toBeNull();
  });
});
