import { describe, expect, it } from 'vitest';
import type { SandboxUser } from '../store.ts';
import { compileRule, RuleError } from './dynamic-rules.ts';

const user = (over: Partial<SandboxUser>): SandboxUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  displayName: 'Pat Ortiz',
  userPrincipalName: 'pat_partner.example#EXT#@contoso.onmicrosoft.com',
  mail: 'pat@partner.example',
  otherMails: ['pat@partner.example', 'pat.ortiz@home.example'],
  userType: 'Guest',
  usageLocation: 'NL',
  directoryRoles: [],
  ...over,
});
const pat = user({});
const megan = user({
  displayName: 'Megan Bowen',
  userPrincipalName: 'megan@contoso.example',
  mail: 'megan@contoso.example',
  userType: 'Member',
  otherMails: [],
  usageLocation: 'GB',
});
const admits = (rule: string, u: SandboxUser) => compileRule(rule)(u);
const refusal = (rule: string) => {
  try {
    compileRule(rule);
    return null;
  } catch (e) {
    return e instanceof RuleError ? e.message : String(e);
  }
};

describe('dynamic membership rules', () => {
  it('admits the guests of a partner domain with the rule the extension proposes', () => {
    const rule = '(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example")';
    expect(admits(rule, pat)).toBe(true);
    expect(admits(rule, megan)).toBe(false);
    expect(admits(rule, user({ mail: 'kim@fabrikam.example' }))).toBe(false);
  });

  it('compares strings without regard to case, operators and values alike', () => {
    expect(admits('user.userType -EQ "guest"', pat)).toBe(true);
    expect(admits('user.mail -endswith "@PARTNER.example"', pat)).toBe(true);
    expect(admits('user.displayName -startsWith "pat"', pat)).toBe(true);
    expect(admits('user.displayName -contains "ORT"', pat)).toBe(true);
  });

  it('takes the negated operators as the opposite of the others', () => {
    expect(admits('user.userType -ne "Member"', pat)).toBe(true);
    expect(admits('user.mail -notEndsWith "@partner.example"', pat)).toBe(false);
    expect(admits('user.displayName -notStartsWith "Meg"', pat)).toBe(true);
    expect(admits('user.displayName -notContains "Ortiz"', pat)).toBe(false);
  });

  it('matches regular expressions without regard to case', () => {
    expect(admits('user.displayName -match "^pa.*z$"', pat)).toBe(true);
    expect(admits('user.displayName -notMatch "^Da"', pat)).toBe(true);
    expect(admits('user.userPrincipalName -match "#EXT#"', megan)).toBe(false);
  });

  it('follows the precedence -not, -and, -or, and parentheses over it', () => {
    expect(admits('user.usageLocation -eq "GB" -or user.userType -eq "Guest" -and user.mail -endsWith "@x.example"', megan)).toBe(
      true,
    );
    expect(
      admits('(user.usageLocation -eq "GB" -or user.userType -eq "Guest") -and user.mail -endsWith "@x.example"', megan),
    ).toBe(false);
    expect(admits('(user.userType -eq "Guest") -and -not (user.mail -endsWith "@fabrikam.example")', pat)).toBe(true);
    expect(admits('-not user.userType -eq "Guest"', pat)).toBe(false);
  });

  it('reads booleans, null, lists, and the en dash the Learn page writes', () => {
    expect(admits('user.accountEnabled -eq true', pat)).toBe(true);
    expect(admits('user.mail -ne null', pat)).toBe(true);
    expect(admits('user.usageLocation -in ["US","NL"]', pat)).toBe(true);
    expect(admits('user.usageLocation -notIn ["US","NL"]', pat)).toBe(false);
    expect(admits('user.userType –eq "Guest" –and user.usageLocation –eq "NL"', pat)).toBe(true);
  });

  it('tests a string collection item by item, and with -any and -all', () => {
    expect(admits('user.otherMails -endsWith "@home.example"', pat)).toBe(true);
    expect(admits('user.otherMails -notEndsWith "@home.example"', pat)).toBe(false);
    expect(admits('user.otherMails -any (_ -startsWith "pat.ortiz")', pat)).toBe(true);
    expect(admits('user.otherMails -all (_ -contains "@partner.")', pat)).toBe(false);
  });

  it('refuses rules that do not parse, with Entra validation message', () => {
    expect(refusal('user.userType -eq')).toMatch(/^Dynamic membership rule validation error: /);
    expect(refusal('(user.userType -eq "Guest"')).toMatch(/ends too early/);
    expect(refusal('user.favouriteColour -eq "blue"')).toMatch(/Wrong property applied/);
    expect(refusal('device.deviceOSType -eq "Windows"')).toMatch(/Invalid object type/);
    expect(refusal('user.accountEnabled -startsWith "t"')).toMatch(/Invalid operands found for operator/);
    expect(refusal('user.mail -endsWith null')).toMatch(/Invalid operands/);
    expect(refusal('user.mail -like "x"')).toMatch(/not supported/);
    expect(refusal('user.mail -eq "a" junk')).toMatch(/Syntax error/);
    expect(refusal('user.displayName -match "("')).toMatch(/Invalid operands/);
    expect(refusal('')).toMatch(/empty/);
  });
});

describe('-match patterns that could stall the sandbox', () => {
  it('refuses patterns that backtrack without end, at once and before any user is read', () => {
    const started = Date.now();
    for (const pattern of ['(a+)+$', '(a*)*$', '(a|a)*$', '((a+))+$', '(?:a+){2,}$', '(a+)\\1*$', '.*.*.*.*x', '[](a+)+$']) {
      expect(refusal(`user.displayName -match "${pattern}"`), pattern).toMatch(/^Dynamic membership rule validation error: /);
    }
    expect(refusal(`user.displayName -match "${'a'.repeat(257)}"`)).toMatch(/longer than 256 characters/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('still matches with an ordinary pattern, groups and classes included', () => {
    const long = user({ displayName: `${'a'.repeat(40)}!` });
    expect(admits('user.displayName -match "^a{3,}!$"', long)).toBe(true);
    expect(admits('user.mail -match "^[a-z]+@(partner|other)\\.example$"', pat)).toBe(true);
    expect(admits('user.mail -match "^(?:pat)+@"', pat)).toBe(true);
    expect(admits('user.mail -match "^[^\\](]+@"', pat)).toBe(true);
  });
});
