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
});
