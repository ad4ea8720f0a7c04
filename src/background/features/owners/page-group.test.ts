import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { ErrorCodes } from '../../../common/errors.ts';

const AUDIENCE = '0B6F1A2C-3D4E-4F5A-8B6C-7D8E9F0A1B2C';
const SECURITY = '3e9a4d5f-6b7c-4d8e-9fa0-1b2c3d4e5f60';
let audience: { id: string }[] = [];
let securityGroupId: string | null = SECURITY;
vi.mock('../invite/powerbi-access.ts', () => ({ powerBiPage: async () => ({ audience: { groups: audience } }) }));
vi.mock('../invite/powerplatform-environment.ts', () => ({ readEnvironment: async () => ({ securityGroupId }) }));
const { pageGroup } = await import('./page-group.ts');

const account = { id: 'me', username: 'megan@contoso.example', name: 'Megan', tenantId: 't' };
const app = { kind: 'powerbi-app' as const, appId: '5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b' };
const environment = {
  kind: 'power-platform-environment' as const,
  environmentId: '8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01',
  source: 'admin' as const,
};

describe("the group a page's access reviews cover", () => {
  it("is a Power BI app's audience group, the first of several", async () => {
    audience = [{ id: AUDIENCE }, { id: SECURITY }];
    expect(await pageGroup(SANDBOX_SETTINGS, account, app)).toBe(AUDIENCE.toLowerCase());
  });

  it("is an environment's security group", async () => {
    expect(await pageGroup(SANDBOX_SETTINGS, account, environment)).toBe(SECURITY);
  });

  it('is said to be missing when the app is published to no group, or the environment has none', async () => {
    audience = [];
    await expect(pageGroup(SANDBOX_SETTINGS, account, app)).rejects.toMatchObject({ code: ErrorCodes.notFound });
    securityGroupId = null;
    await expect(pageGroup(SANDBOX_SETTINGS, account, environment)).rejects.toMatchObject({ code: ErrorCodes.notFound });
  });
});
