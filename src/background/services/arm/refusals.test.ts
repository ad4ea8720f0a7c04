import { describe, expect, it } from 'vitest';
import { claimsAsked, policyRuleWords } from './refusals.ts';

const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';

describe('ARM refusals', () => {
  it('reads the claims of a WWW-Authenticate challenge', () => {
    const authenticate = `Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${btoa(claims)}"`;
    expect(JSON.parse(claimsAsked({ message: '', authenticate }) ?? '')).toEqual(JSON.parse(claims));
  });
  it('reads the claims PIM puts in its message', () => {
    const message = `The Role assignment request ACRS validation failed with &claims=${encodeURIComponent(claims)}`;
    expect(JSON.parse(claimsAsked({ message, authenticate: '' }) ?? '')).toEqual(JSON.parse(claims));
  });
  it('asks for nothing when the refusal has no claims, or claims of another kind', () => {
    expect(claimsAsked({ message: 'The role assignment already exists.', authenticate: '' })).toBeNull();
    expect(claimsAsked({ message: `x &claims=${encodeURIComponent('{"id_token":{}}')}`, authenticate: '' })).toBeNull();
  });
  it('names the policy rules that failed in words, in the form ARM sends them too', () => {
    expect(
      policyRuleWords(
        'The following policy rules failed: ExpirationRule - The duration in the request is greater than maximum allowed duration',
      ),
    ).toBe('Azure refused it: the duration is longer than the role allows.');
    expect(policyRuleWords('The following policy rules failed: ["ExpirationRule","TicketingRule"]')).toBe(
      'Azure refused it: the duration is longer than the role allows; a ticket number is required.',
    );
  });
});
