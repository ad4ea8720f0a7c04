import { describe, expect, it } from 'vitest';
import { backgroundShapes } from './shapes.ts';

const invite = { email: 'a@b.example', redirectUrl: 'https://x.example', sendEmail: true, userType: 'Guest' };

describe('backgroundShapes', () => {
  it('accepts a well-formed invitation', () => {
    expect(backgroundShapes.inviteGuest(invite)).toBe(true);
  });

  it.each([
    ['a user type Graph does not know', { ...invite, userType: 'Admin' }],
    ['a send flag that is not a boolean', { ...invite, sendEmail: 'yes' }],
    ['a missing e-mail', { ...invite, email: undefined }],
    ['a display name that is not text', { ...invite, displayName: 42 }],
    ['no payload at all', null],
  ])('refuses an invitation with %s', (_why, payload) => {
    expect(backgroundShapes.inviteGuest(payload)).toBe(false);
  });

  it('accepts a page report with a well-formed Azure scope', () => {
    const context = {
      kind: 'azure-resource',
      scope: '/subscriptions/11111111-2222-4333-8444-555555555555',
      subscriptionId: '11111111-2222-4333-8444-555555555555',
    };
    expect(backgroundShapes.pageChanged({ url: 'https://portal.azure.com/', context })).toBe(true);
  });

  it.each([
    ['an unknown kind', { kind: 'sharepoint-site', siteId: 'x' }],
    ['an app id that is not a GUID', { kind: 'powerbi-app', appId: 'x' }],
    [
      'a scope outside a subscription',
      { kind: 'azure-resource', scope: '/providers/x', subscriptionId: '11111111-2222-4333-8444-555555555555' },
    ],
  ])('refuses a page report with %s', (_why, context) => {
    expect(backgroundShapes.pageChanged({ url: 'https://app.powerbi.com/', context })).toBe(false);
  });

  it('refuses settings with an unknown cloud', () => {
    expect(backgroundShapes.saveSettings({ cloud: 'china', tenant: 't', clientId: 'c' })).toBe(false);
  });
  const role = {
    scope: '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data',
    roleId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    principalId: 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a',
  };

  it('accepts a role with a schedule: days, an end date, or none', () => {
    for (const end of [{ afterDays: 7 }, { at: '2026-12-24T23:59:59.000Z' }, null]) {
      expect(backgroundShapes.assignAzureRole({ ...role, schedule: { kind: 'eligible', start: null, end } })).toBe(true);
    }
  });

  it.each([
    ['no schedule', undefined],
    ['an unknown kind', { kind: 'forever', start: null, end: null }],
    ['days that are text', { kind: 'active', start: null, end: { afterDays: '7' } }],
    ['zero days', { kind: 'active', start: null, end: { afterDays: 0 } }],
    ['a start that is not a date', { kind: 'active', start: 'soon', end: null }],
  ])('refuses a role with %s', (_why, schedule) => {
    expect(backgroundShapes.assignAzureRole({ ...role, schedule })).toBe(false);
  });
});
