import { describe, expect, it } from 'vitest';
import { powerPlatformGrant, powerPlatformProblem } from './power-platform-schema.ts';

const grant = {
  environmentId: '8f2a6c1e-4b3d-4e5f-9a70-1b2c3d4e5f01',
  environmentName: 'Contoso Sales',
  url: 'https://contoso-sales.crm.dynamics.com/',
  instanceUrl: 'https://contoso-sales.crm.dynamics.com/',
  securityGroup: { id: '3e9a4d5f-6b7c-4d8e-9fa0-1b2c3d4e5f60', displayName: 'Sales environment users' },
  role: { id: 'a1b2c3d4-1001-4a01-8b01-000000000001', name: 'Basic User' },
  license: { skuId: 'b30411f5-fea1-4a59-9ad9-3db7c7ead579', name: 'Power Apps Premium' },
  profile: { givenName: 'Lena', surname: 'Berg', usageLocation: 'NL' },
};

describe('a Power Platform grant', () => {
  it('is accepted as the popup makes it', () => {
    expect(powerPlatformProblem(grant)).toBeNull();
    expect(powerPlatformProblem({ ...grant, environmentId: 'Default-3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c' })).toBeNull();
  });

  it.each([
    ['an environment id that is not one', { environmentId: '../x' }],
    ['an instance that is not Dataverse', { instanceUrl: 'https://evil.example/' }],
    ["a link to send that is not the environment's own", { url: 'https://evil.example/login' }],
    ['an instance with a path', { instanceUrl: 'https://contoso-sales.crm.dynamics.com/api/' }],
    ['a role that is not an id', { role: { id: 'admin', name: 'System Administrator' } }],
    ['a licence that is not a SKU id', { license: { skuId: 'x', name: 'Power Apps Premium' } }],
    ['a usage location that is not a country code', { profile: { givenName: 'L', surname: 'B', usageLocation: 'Netherlands' } }],
  ])('refuses %s', (_why, patch) => {
    expect(powerPlatformProblem({ ...grant, ...patch } as never)).not.toBeNull();
  });
});

describe('a Power Platform grant with a part left null', () => {
  it.each(['license', 'profile', 'securityGroup', 'role'])(
    'answers that its %s is not of its shape, without throwing',
    (part) => {
      const damaged = { ...grant, [part]: null };
      expect(() => powerPlatformProblem(damaged)).not.toThrow();
      expect(powerPlatformProblem(damaged)).not.toBeNull();
      expect(powerPlatformGrant(damaged)).toBe(false);
    },
  );
});
