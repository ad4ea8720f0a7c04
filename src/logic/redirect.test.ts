import { describe, expect, it } from 'vitest';
import type { PageData } from '../common/page-data.ts';
import { guestRedirect } from './redirect.ts';

const ENV = '8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01';
const TENANT = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const ADMIN = `https://admin.powerplatform.microsoft.com/environments/environment/${ENV}/hub`;
const environmentPage = {
  url: ADMIN,
  description: null,
  context: { kind: 'power-platform-environment' as const, environmentId: ENV, source: 'admin' as const, tenantId: TENANT },
};
const read = (instanceUrl: string | null) =>
  ({ kind: 'power-platform', page: { environment: { instanceUrl } } }) as unknown as PageData;

describe("an invitation's redirect", () => {
  it("never sends a guest to a Power Platform admin center page: the environment's Dataverse instance once read", () => {
    expect(guestRedirect(environmentPage, read('https://contoso-sales.crm.dynamics.com/'))).toBe(
      'https://contoso-sales.crm.dynamics.com/',
    );
  });

  it('is the Power Apps home of the environment in its tenant until then, or without a Dataverse', () => {
    const home = `https://make.powerapps.com/environments/${ENV}/home?tenantId=${TENANT}`;
    expect(guestRedirect(environmentPage, null)).toBe(home);
    expect(guestRedirect(environmentPage, read(null))).toBe(home);
  });

  it('is the page itself elsewhere, or My Apps without one', () => {
    const app = 'https://app.powerbi.com/groups/me/apps/1';
    expect(guestRedirect({ url: app, description: null, context: null }, null)).toBe(app);
    expect(guestRedirect({ url: null, description: null, context: null }, null)).toBe('https://myapps.microsoft.com');
  });
});
