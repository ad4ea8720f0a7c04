import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';

/** The tokens the worker holds, and every request for a token of exact scopes (each may set off a hidden renewal). */
const worker = { held: [] as { resource: string; scopes: string[] }[], scopedAsks: 0 };
vi.mock('../../core/auth.ts', () => ({
  graphToken: async () => ({}),
  armToken: async () => ({}),
  powerBiToken: async () => ({}),
  heldGrants: () => worker.held,
  scopedToken: async () => {
    worker.scopedAsks++;
    return {};
  },
}));

const { consentView, featureConsent } = await import('./consent-state.ts');

const GRAPH = 'https://graph.microsoft.com';
const ARM = 'https://management.azure.com';
const POWERBI = 'https://analysis.windows.net/powerbi/api';
/** What sign-in grants everyone, as Entra names it in the token responses (Graph's scopes without their resource). */
const signInTokens = () => [
  { resource: GRAPH, scopes: ['User.Read', 'openid', 'profile'] },
  { resource: ARM, scopes: [`${ARM}/user_impersonation`] },
  { resource: POWERBI, scopes: [`${POWERBI}/App.Read.All`, `${POWERBI}/Workspace.Read.All`] },
];

beforeEach(() => {
  worker.held = signInTokens();
  worker.scopedAsks = 0;
});

describe('which features the account granted, from the tokens held', () => {
  it('grants My access and Azure roles after sign-in, and asks for every other feature', () => {
    expect(featureConsent(signInTokens())).toEqual({
      myAccess: 'granted',
      azureRoles: 'granted',
      invite: 'adminConsent',
      powerBiAccess: 'adminConsent',
      guestCard: 'adminConsent',
      partnerNames: 'adminConsent',
      powerPlatform: 'yourConsent',
      externalAccess: 'adminConsent',
      groupReviews: 'adminConsent',
      guestLifecycle: 'adminConsent',
    });
  });

  it('counts a feature granted once a token of its resource names all its scopes, in any case', () => {
    const invite = ['user.read', 'User.Read.All', 'User.Invite.All', 'Policy.Read.All'];
    const tokens = [
      ...signInTokens(),
      { resource: GRAPH, scopes: invite },
      { resource: 'https://service.powerapps.com', scopes: ['https://service.powerapps.com/User'] },
    ];
    const consent = featureConsent(tokens);
    expect(consent.invite).toBe('granted');
    expect(consent.powerPlatform).toBe('granted');
    expect(consent.guestCard).toBe('adminConsent');
  });

  it('does not count a scope a token of another resource names', () => {
    const consent = featureConsent([...signInTokens(), { resource: ARM, scopes: ['https://service.powerapps.com/User'] }]);
    expect(consent.powerPlatform).toBe('yourConsent');
  });

  it('answers the popup without asking any resource for a scope not yet granted', async () => {
    worker.held = [...signInTokens(), { resource: GRAPH, scopes: ['AuditLog.Read.All', 'Group.ReadWrite.All'] }];
    const consent = await consentView(SANDBOX_SETTINGS, ['guestCard', 'invite']);
    expect(consent.guestCard).toBe('granted');
    expect(consent.invite).toBe('adminConsent');
    expect(worker.scopedAsks).toBe(0);
  });
});
