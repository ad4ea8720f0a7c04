import { describe, expect, it } from 'vitest';
import { detectPageContext } from '../background/features/page/detect.ts';
import { otherTenant } from './page-context.ts';

const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const FABRIKAM = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const megan = {
  id: '9d2f4b6a-1c3e-4a5b-8d7f-0e1a2b3c4d5e',
  username: 'megan@contoso.example',
  name: 'Megan',
  tenantId: CONTOSO,
  tenantDomains: ['contoso.onmicrosoft.com', 'contoso.example'],
};
const at = (url: string) => otherTenant(detectPageContext(url), megan);

describe('a page that names another organization', () => {
  it("is told apart from the signed-in tenant by id (Power BI's ctid, a default environment) and by domain (portal #@)", () => {
    expect(at(`https://app.powerbi.com/groups/me/apps/5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b?ctid=${FABRIKAM}`)).toBe(FABRIKAM);
    expect(at(`https://app.powerbi.com/groups/me/apps/5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b?ctid=${CONTOSO}`)).toBeNull();
    const rg = '/resource/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data/overview';
    expect(at(`https://portal.azure.com/#@fabrikam.onmicrosoft.com${rg}`)).toBe('fabrikam.onmicrosoft.com');
    expect(at(`https://portal.azure.com/#@contoso.onmicrosoft.com${rg}`)).toBeNull();
    expect(at(`https://admin.powerplatform.microsoft.com/environments/environment/Default-${FABRIKAM}/hub`)).toBe(FABRIKAM);
  });
});
