import { describe, expect, it } from 'vitest';
import { detectPageContext } from '../background/features/page/detect.ts';
import { backgroundRequests } from './requests.ts';

const invite = { email: 'a@b.example', redirectUrl: 'https://x.example', sendEmail: true, userType: 'Guest' };
const SUB = '11111111-2222-4333-8444-555555555555';
const ROLE_PRINCIPAL = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
const week = { kind: 'eligible', start: null, end: { afterDays: 7 } };
/** An invitation as the popup starts it, with an Azure role when one is given. */
const start = (invitation: unknown, azure?: unknown) =>
  backgroundRequests.startInvitation(azure === undefined ? { invitation } : { invitation, azure });

describe('backgroundRequests', () => {
  it('accepts a well-formed invitation', () => {
    expect(start(invite)).toBe(true);
  });

  it.each([
    ['a user type Graph does not know', { ...invite, userType: 'Admin' }],
    ['a send flag that is not a boolean', { ...invite, sendEmail: 'yes' }],
    ['a missing e-mail', { ...invite, email: undefined }],
    ['a display name that is not text', { ...invite, displayName: 42 }],
    ['no payload at all', null],
  ])('refuses an invitation with %s', (_why, payload) => {
    expect(start(payload)).toBe(false);
  });

  it('takes a page report that says nothing about the page', () => {
    expect(backgroundRequests.pageChanged({})).toBe(true);
  });

  it('refuses a page report that tries to name its page or scope', () => {
    const context = { kind: 'azure-resource', scope: `/subscriptions/${SUB}`, subscriptionId: SUB };
    expect(backgroundRequests.pageChanged({ url: 'https://portal.azure.com/', context })).toBe(false);
  });

  it.each([
    ['an unknown kind', { kind: 'sharepoint-site', siteId: 'x' }],
    ['an app id that is not a GUID', { kind: 'powerbi-app', appId: 'x' }],
    ['a scope outside a subscription', { kind: 'azure-resource', scope: '/providers/x', subscriptionId: SUB }],
    [
      'a scope with dot segments',
      { kind: 'azure-resource', scope: `/subscriptions/${SUB}/resourceGroups/rg/../..`, subscriptionId: SUB },
    ],
    [
      'a resource group beside the scope that the scope does not name',
      { kind: 'azure-resource', scope: `/subscriptions/${SUB}`, subscriptionId: SUB, resourceGroup: 'rg-visible' },
    ],
  ])('refuses a page context with %s', (_why, context) => {
    expect(backgroundRequests.getPage({ context, part: 'grants' })).toBe(false);
  });

  const ENV = '8fcc484b-d74e-e479-84da-ad5a78d6d55b';
  const TENANT = 'e1dd4023-a656-480a-8a0e-c1b1eec51e1d';
  const environment = { kind: 'power-platform-environment', environmentId: ENV, source: 'admin' };
  const defaultEnvironment = { ...environment, environmentId: `Default-${TENANT}`, tenantId: TENANT };

  it.each([
    `https://admin.powerplatform.microsoft.com/environments/environment/${ENV.toUpperCase()}/hub`,
    `https://admin.powerplatform.microsoft.com/manage/environments/environment/default-${TENANT}/hub?geo=Na`,
    `https://make.powerapps.com/environments/${ENV}/home?tenantId=${TENANT}`,
    `https://make.powerautomate.com/environments/Default-${TENANT}/flows`,
  ])('accepts the Power Platform context the detector makes of %s', (url) => {
    expect(backgroundRequests.getPage({ context: detectPageContext(url), part: 'grants' })).toBe(true);
  });

  it.each([
    ['an environment id in upper case', { ...environment, environmentId: ENV.toUpperCase() }],
    ['a default prefix spelled otherwise', { ...defaultEnvironment, environmentId: `default-${TENANT}` }],
    ['an environment id with a path behind it', { ...environment, environmentId: `${ENV}/../${TENANT}` }],
    ['an environment id that is not text', { ...environment, environmentId: 42 }],
    ['no environment id', { kind: 'power-platform-environment', source: 'maker' }],
    ['a source the detector never gives', { ...environment, source: 'dataverse' }],
    ['a tenant that is not a GUID', { ...environment, tenantId: 'contoso.onmicrosoft.com' }],
    ['a default environment without its tenant', { ...defaultEnvironment, tenantId: undefined }],
    ['a default environment beside another tenant', { ...defaultEnvironment, tenantId: ENV }],
    ['a key the kind does not have', { ...environment, scope: `/subscriptions/${SUB}` }],
  ])('refuses a Power Platform context with %s', (_why, context) => {
    expect(backgroundRequests.getPage({ context, part: 'grants' })).toBe(false);
  });

  it.each([
    [
      'a dot-dot segment',
      `/subscriptions/${SUB}/resourceGroups/rg-visible/providers/Microsoft.Storage/storageAccounts/st01/../../..`,
    ],
    ['an encoded slash', `/subscriptions/${SUB}/resourceGroups/rg-visible%2F..%2F..`],
    ['resourceGroups spelled otherwise', `/subscriptions/${SUB}/resourcegroups/rg-visible`],
    ['a query in the scope', `/subscriptions/${SUB}/resourceGroups/rg?x=1`],
  ])('refuses every message that carries a scope with %s', (_why, scope) => {
    const context = { kind: 'azure-resource', scope, subscriptionId: SUB, resourceGroup: 'rg-visible' };
    expect(backgroundRequests.getPage({ context, part: 'grants' })).toBe(false);
    expect(start(invite, { ...role, scope, schedule: week })).toBe(false);
    expect(
      backgroundRequests.prepareBulk({ fileName: 'a.csv', text: 'email', defaultRedirectUrl: 'https://x.example', scope }),
    ).toBe(false);
  });

  it('refuses a reset of redemption for an id that is not a GUID', () => {
    expect(start({ ...invite, resetRedemptionOf: '../users/someone-else' })).toBe(false);
    expect(start({ ...invite, resetRedemptionOf: ROLE_PRINCIPAL })).toBe(true);
  });

  it.each([
    ['display name', { ...invite, displayName: 'x'.repeat(257) }],
    ['message', { ...invite, message: 'x'.repeat(10_001) }],
    ['redirect URL', { ...invite, redirectUrl: `https://x.example/${'x'.repeat(2048)}` }],
    ['address', { ...invite, email: `${'x'.repeat(320)}@b.example` }],
  ])('refuses an invitation whose %s is longer than Graph takes', (_why, payload) => {
    expect(start(payload)).toBe(false);
  });

  it('asks for consent only to features of the scope table', () => {
    expect(backgroundRequests.consent({ features: ['invite', 'guestCard'] })).toBe(true);
    expect(backgroundRequests.getConsent({ features: ['powerPlatform'] })).toBe(true);
    expect(backgroundRequests.consent({ features: [] })).toBe(false);
    expect(backgroundRequests.consent({ features: ['everything'] })).toBe(false);
    expect(backgroundRequests.consent({ features: 'invite' })).toBe(false);
    expect(backgroundRequests.getConsent({})).toBe(false);
  });

  it('refuses settings with an unknown cloud', () => {
    expect(backgroundRequests.saveSettings({ cloud: 'china', tenant: 't', clientId: 'c' })).toBe(false);
  });
  const role = {
    scope: `/subscriptions/${SUB}/resourceGroups/rg-data`,
    roleId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
  };

  it('accepts a role with a schedule: days, an end date, or none', () => {
    for (const end of [{ afterDays: 7 }, { at: '2026-12-24T23:59:59.000Z' }, null]) {
      expect(start(invite, { ...role, schedule: { kind: 'eligible', start: null, end } })).toBe(true);
    }
  });

  it.each([
    ['no schedule', undefined],
    ['an unknown kind', { kind: 'forever', start: null, end: null }],
    ['days that are text', { kind: 'active', start: null, end: { afterDays: '7' } }],
    ['zero days', { kind: 'active', start: null, end: { afterDays: 0 } }],
    ['more days than a year', { kind: 'active', start: null, end: { afterDays: 366 } }],
    ['days beside an end date', { kind: 'active', start: null, end: { afterDays: 0, at: '2026-12-24T23:59:59.000Z' } }],
    ['a start that is not a date', { kind: 'active', start: 'soon', end: null }],
  ])('refuses a role with %s', (_why, schedule) => {
    expect(start(invite, { ...role, schedule })).toBe(false);
  });

  it('holds the roles of a bulk job to the same schedule rule as those of a single invitation', () => {
    const control = (roleSchedule: unknown) => backgroundRequests.controlBulk({ action: 'start', roleSchedule });
    expect(control({ kind: 'eligible', start: null, end: { afterDays: 365 } })).toBe(true);
    expect(start(invite, { ...role, schedule: { kind: 'eligible', start: null, end: { afterDays: 365 } } })).toBe(true);
    for (const end of [{ afterDays: 366 }, { afterDays: 1.5 }, { at: 'soon' }]) {
      expect(control({ kind: 'eligible', start: null, end })).toBe(false);
      expect(start(invite, { ...role, schedule: { kind: 'eligible', start: null, end } })).toBe(false);
    }
  });
});
