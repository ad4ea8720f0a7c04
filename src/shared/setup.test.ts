import { describe, expect, it } from 'vitest';
import { ARM_SCOPES, FEATURE_SCOPES, GRAPH_ORIGIN, GRAPH_SCOPES, POWERBI_SCOPES } from './config.ts';
import { featureFindings, grantedScopes } from './setup.ts';

const everything = (except: string[] = []) => ({
  username: 'megan@contoso.example',
  resources: [
    {
      resource: GRAPH_ORIGIN,
      granted: [...GRAPH_SCOPES, ...POWERBI_SCOPES, ...ARM_SCOPES, 'https://service.powerapps.com/User'].filter(
        (s) => !except.includes(s),
      ),
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

  it('derives what sign-in asks for from the one table', () => {
    const all = FEATURE_SCOPES.flatMap((f) => f.scopes);
    expect([...GRAPH_SCOPES, ...POWERBI_SCOPES, ...ARM_SCOPES].every((s) => all.includes(s))).toBe(true);
    expect(GRAPH_SCOPES).toContain(`${GRAPH_ORIGIN}/User.Invite.All`);
  });
});
