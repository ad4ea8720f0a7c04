import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { SignedInAccount } from '../../../common/model.ts';
import type { PageContext } from '../../../common/page-context.ts';
import type { FeatureConsent } from '../../../common/setup.ts';

/** What each service answers, and every read the reader made. */
const services = {
  consent: {} as Partial<FeatureConsent>,
  roles: (): Promise<unknown> => Promise.resolve({ mayAssign: true, suggested: [], all: [] }),
  environment: (): Promise<unknown> => Promise.resolve({}),
  reads: [] as string[],
};
vi.mock('../invite/azure-roles.ts', () => ({
  azureRoles: () => {
    services.reads.push('roles');
    return services.roles();
  },
}));
vi.mock('../../services/arm/scope.ts', () => ({
  describeScopeWithNames: async () => {
    services.reads.push('names');
    return 'Resource group rg-web · subscription Contoso Prod';
  },
}));
vi.mock('../setup/consent-state.ts', () => ({ consentView: async () => services.consent }));
vi.mock('../invite/powerbi-access.ts', () => ({
  powerBiPage: async () => {
    services.reads.push('powerbi');
    return {};
  },
}));
vi.mock('../invite/powerplatform-environment.ts', () => ({
  powerPlatformPage: () => {
    services.reads.push('environment');
    return services.environment();
  },
}));

const { readPage } = await import('./read.ts');

const me = async () => ({ id: 'me' }) as SignedInAccount;
const SCOPE = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-web';
const azure: PageContext = { kind: 'azure-resource', scope: SCOPE, subscriptionId: '11111111-2222-4333-8444-555555555555' };
const app: PageContext = { kind: 'powerbi-app', appId: '0f4e3d2c-1b0a-4987-8654-3210fedcba98' };
const environment: PageContext = {
  kind: 'power-platform-environment',
  environmentId: '8fcc484b-d74e-e479-84da-ad5a78d6d55b',
  source: 'admin',
};

beforeEach(() => {
  services.consent = { powerBiAccess: 'granted', powerPlatform: 'granted' };
  services.roles = () => Promise.resolve({ mayAssign: true, suggested: [], all: [] });
  services.environment = () => Promise.resolve({});
  services.reads = [];
});

describe("the page's data, one answer per kind of page", () => {
  it('answers nothing for a page that is about nothing it knows', async () => {
    expect(await readPage(SANDBOX_SETTINGS, me, null, 'grants')).toEqual({ kind: 'none' });
    expect(await readPage(SANDBOX_SETTINGS, me, app, 'name')).toEqual({ kind: 'none' });
  });

  it("names an Azure scope apart from its roles, and carries the roles' failure in the Azure answer", async () => {
    services.roles = () => Promise.reject(new AppError(ErrorCodes.forbidden));
    expect(await readPage(SANDBOX_SETTINGS, me, azure, 'name')).toEqual({
      kind: 'azure',
      scope: SCOPE,
      words: 'Resource group rg-web · subscription Contoso Prod',
      roles: null,
    });
    expect(services.reads).toEqual(['names']);
    const grants = await readPage(SANDBOX_SETTINGS, me, azure, 'grants');
    expect(grants).toMatchObject({ kind: 'azure', scope: SCOPE, roles: null, error: { code: ErrorCodes.forbidden } });
  });

  it('reads no Power BI page until Power BI access is granted, and says what it needs', async () => {
    services.consent = { powerBiAccess: 'adminConsent' };
    expect(await readPage(SANDBOX_SETTINGS, me, app, 'grants')).toEqual({
      kind: 'powerbi',
      page: null,
      consent: 'adminConsent',
    });
    expect(services.reads).toEqual([]);
  });

  it("carries an environment's failed read with the consent the environment still needs", async () => {
    services.consent = { powerPlatform: 'yourConsent' };
    services.environment = () => Promise.reject(new AppError(ErrorCodes.forbidden));
    expect(await readPage(SANDBOX_SETTINGS, me, environment, 'grants')).toMatchObject({
      kind: 'power-platform',
      page: null,
      error: { code: ErrorCodes.forbidden },
      consent: 'yourConsent',
    });
  });
});
