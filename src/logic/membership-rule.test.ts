import { describe, expect, it } from 'vitest';
import { sameRule } from './membership-rule.ts';

const PROPOSED = '(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example")';

describe('comparing dynamic membership rules', () => {
  it('takes a rule written with other spacing, letter case or clause order as the same', () => {
    expect(sameRule(PROPOSED, PROPOSED)).toBe(true);
    expect(sameRule(PROPOSED, '(user.mail -endswith "@Partner.Example")  -AND (user.usertype -eq "guest")')).toBe(true);
    expect(sameRule(PROPOSED, 'user.userType -eq "Guest" -and user.mail -endsWith "@partner.example"')).toBe(true);
    expect(sameRule(PROPOSED, `(${PROPOSED})`)).toBe(true);
  });

  it('tells apart a rule for another domain, one more or one fewer clause, and -or for -and', () => {
    expect(sameRule(PROPOSED, PROPOSED.replace('partner.example', 'partner.example.org'))).toBe(false);
    expect(sameRule(PROPOSED, '(user.mail -endsWith "@partner.example")')).toBe(false);
    expect(sameRule(PROPOSED, `${PROPOSED} -and (user.accountEnabled -eq true)`)).toBe(false);
    expect(sameRule(PROPOSED, PROPOSED.replace('-and', '-or'))).toBe(false);
    expect(sameRule(PROPOSED, '(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example") -or (x)')).toBe(false);
  });

  it('reads " -and " inside a quoted value as text, and refuses what does not parse', () => {
    expect(sameRule('(user.department -eq "r -and d")', '(user.department -eq "R -AND D")')).toBe(true);
    expect(sameRule('(user.department -eq "r -and d")', '(user.department -eq "r") -and (d")')).toBe(false);
    expect(sameRule('((user.mail -eq "a")', '((user.mail -eq "a")')).toBe(false);
    expect(sameRule(null, PROPOSED)).toBe(false);
  });
});
