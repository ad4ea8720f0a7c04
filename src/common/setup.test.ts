import { describe, expect, it } from 'vitest';
import { FEATURE_SCOPES, GRAPH_ORIGIN, needsAdminConsent, SIGN_IN_SCOPES } from './config.ts';
import { featureFindings, grantedScopes } from './setup.ts';

const everything = (except: string[] = []) => ({
  username: 'megan@contoso.example',
  resources: [
    {
      resource: GRAPH_ORIGIN,
      granted: FEATURE_SCOPES.flatMap((f) => f.scopes).filter((s) => !except.includes(s)),
      problem: null,
    },
  ],
});

describe('the setup check', () => {
  it('finds every feature ready when every scope of the table is granted', () => {
    expect(featureFindings(everything()).every((f) => f.missing.length === 0)).toBe(true);
  });

  it('names the missing scope under each feature that needs it', () => {
    const findings = featureFindings(everything([`${GRAPH_ORIGIN}/User.ReadWrite.All`]));
    expect(findings.filter((f) => f.missing.length).map((f) => [f.feature, f.missing])).toEqual([
      ['powerBiAccess', [`${GRAPH_ORIGIN}/User.ReadWrite.All`]],
    ]);
  });

  it('reads scopes case-insensitively, and a token named without its resource as that resource', () => {
    expect(
      grantedScopes(GRAPH_ORIGIN, ['user.read', 'openid', 'profile', 'https://graph.microsoft.com/User.Invite.All']),
    ).toEqual([`${GRAPH_ORIGIN}/user.read`, `${GRAPH_ORIGIN}/User.Invite.All`]);
    const report = {
      username: 'u',
      resources: [{ resource: GRAPH_ORIGIN, granted: [`${GRAPH_ORIGIN}/user.read`], problem: null }],
    };
    expect(featureFindings(report).find((f) => f.feature === 'invite')?.missing).not.toContain(`${GRAPH_ORIGIN}/User.Read`);
  });

  it('does not count another resource’s scope, or `.default`, as granted', () => {
    expect(grantedScopes(GRAPH_ORIGIN, ['https://management.azure.com/user_impersonation', `${GRAPH_ORIGIN}/.default`])).toEqual(
      [],
    );
  });

  it('asks at sign-in for what My access needs, and for no scope only an admin may grant', () => {
    expect(SIGN_IN_SCOPES).toEqual(FEATURE_SCOPES.find((f) => f.feature === 'myAccess')?.scopes);
    expect(SIGN_IN_SCOPES).toContain(`${GRAPH_ORIGIN}/User.Read`);
    expect(SIGN_IN_SCOPES).toContain('https://management.azure.com/user_impersonation');
    expect(SIGN_IN_SCOPES.filter(needsAdminConsent)).toEqual([]);
    // The invite feature's own scopes are an admin's: they are asked for when it is first used, not at sign-in.
    const invite = FEATURE_SCOPES.find((f) => f.feature === 'invite')?.scopes ?? [];
    expect(invite.filter((s) => !SIGN_IN_SCOPES.includes(s)).every(needsAdminConsent)).toBe(true);
  });

  it('says per feature: granted, yours to consent to on first use, or an administrator’s', () => {
    // A guest who signed in and consented to what sign-in asks, in a tenant whose admin consented to nothing.
    const guest = {
      username: 'pat@partner.example',
      resources: [{ resource: GRAPH_ORIGIN, granted: SIGN_IN_SCOPES, problem: null }],
    };
    const states = Object.fromEntries(featureFindings(guest).map((f) => [f.feature, f.state]));
    expect(states).toEqual({
      myAccess: 'granted',
      invite: 'adminConsent',
      powerBiAccess: 'adminConsent',
      guestCard: 'adminConsent',
      partnerNames: 'adminConsent',
      azureRoles: 'granted',
      powerPlatform: 'yourConsent',
      externalAccess: 'adminConsent',
      groupReviews: 'adminConsent',
      guestLifecycle: 'adminConsent',
    });
  });
});
