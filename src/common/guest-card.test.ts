import { describe, expect, it } from 'vitest';
import {
  adminReadsSpentWords,
  audiencesAgeWords,
  changeSentence,
  isPartnerDomain,
  mayReadAudiencesAgain,
  partnerGroupDraft,
  partnerRule,
  sentNickname,
} from './guest-card.ts';

describe('partner groups', () => {
  it("admits the domain's guests only, in Entra's rule syntax", () => {
    expect(partnerRule('partner.example')).toBe('(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example")');
    expect(partnerGroupDraft('Partner.Example')).toMatchObject({
      displayName: 'Guests from partner.example',
      mailNickname: 'guests-partner-example',
      domain: 'partner.example',
    });
  });

  it("names a long domain's group within Graph's 64 characters once the change's id is added, one name per domain", () => {
    const change = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    const long = (tail: string) => `${'partner-'.repeat(7)}${tail}.example`;
    const first = partnerGroupDraft(long('one')).mailNickname;
    const sent = sentNickname(first, change);
    expect(sent?.length).toBeLessThanOrEqual(64);
    expect(sent?.startsWith('guests-partner-partner-')).toBe(true);
    expect(partnerGroupDraft(long('one')).mailNickname).toBe(first);
    expect(partnerGroupDraft(long('two')).mailNickname).not.toBe(first);
    expect(sentNickname(`guests-${'a'.repeat(56)}`, change)).toBeNull();
  });

  it('takes only a domain name, so nothing else can be written into the rule', () => {
    for (const bad of [
      'partner.example") -or (user.userType -eq "Member',
      'a"b.example',
      'partner',
      '-x.example',
      'a b.example',
      '',
    ]) {
      expect(isPartnerDomain(bad)).toBe(false);
    }
    expect(isPartnerDomain('sub.partner-ltd.example')).toBe(true);
  });
});

describe('confirmations', () => {
  it('name whom a deletion or conversion acts on by UPN and kind of user', () => {
    const upn = 'nora_partner.example#EXT#@contoso.onmicrosoft.com';
    const guest = { userPrincipalName: upn, userType: 'Guest', external: true };
    expect(changeSentence({ kind: 'deleteUser', user: guest }, 'Nora')).toMatch(
      /^nora_partner\.example#EXT#@contoso\.onmicrosoft\.com \(guest, invited from outside\) is deleted/,
    );
    const b2bMember = { ...guest, userType: 'Member' };
    expect(changeSentence({ kind: 'convert', to: 'Guest', user: b2bMember }, 'Nora')).toContain(
      `${upn} (member, invited from outside) becomes a guest`,
    );
    const employee = { userPrincipalName: 'lee@contoso.example', userType: 'Member', external: false };
    expect(changeSentence({ kind: 'deleteUser', user: employee }, 'Lee')).toContain(
      'lee@contoso.example (member of this organization)',
    );
  });

  it('say what changes and what stays', () => {
    const user = { userPrincipalName: 'nora_partner.example#EXT#@contoso.onmicrosoft.com', userType: 'Guest', external: true };
    expect(changeSentence({ kind: 'convert', to: 'Member', user }, 'Nora')).toMatch(/becomes a member.*stay as they are/);
    expect(changeSentence({ kind: 'deleteUser', user }, 'Nora')).toContain('restored from Deleted users for 30 days');
    expect(changeSentence({ kind: 'leaveGroup', group: { id: 'g', displayName: 'Viewers' } }, 'Nora')).toContain(
      'Other groups stay',
    );
  });
});

describe("how old the card's app audiences are", () => {
  const at = new Date(2026, 11, 7, 17, 0).getTime();

  it('says how long ago they were read', () => {
    expect(audiencesAgeWords({ readAt: at - 12 * 60_000, backAt: null }, at)).toBe('App audiences as read 12 minutes ago');
    expect(audiencesAgeWords({ readAt: null, backAt: null }, at)).toBeNull();
  });

  it('says when spent admin reads come back, instead of offering to read again', () => {
    const read = { readAt: at - 70 * 60_000, backAt: new Date(2026, 11, 7, 17, 42).getTime() };
    expect(adminReadsSpentWords(read, at)).toBe(
      "Power BI's admin reads for this hour are spent; they come back at 5:42 PM. Audiences shown are as last read.",
    );
    expect(mayReadAudiencesAgain(read, at)).toBe(false);
    // Once that time has come, reading again is offered.
    const later = new Date(2026, 11, 7, 17, 43).getTime();
    expect(adminReadsSpentWords(read, later)).toBeNull();
    expect(mayReadAudiencesAgain(read, later)).toBe(true);
  });

  it('offers to read again only once what is shown is a few minutes old', () => {
    expect(mayReadAudiencesAgain({ readAt: at - 60_000, backAt: null }, at)).toBe(false);
    expect(mayReadAudiencesAgain({ readAt: at - 6 * 60_000, backAt: null }, at)).toBe(true);
  });
});
