import { describe, expect, it } from 'vitest';
import { changeSentence, isPartnerDomain, partnerGroupDraft, partnerRule } from './guest-card.ts';

describe('partner groups', () => {
  it("admits the domain's guests only, in Entra's rule syntax", () => {
    expect(partnerRule('partner.example')).toBe('(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example")');
    expect(partnerGroupDraft('Partner.Example')).toMatchObject({
      displayName: 'Guests from partner.example',
      mailNickname: 'guests-partner-example',
      domain: 'partner.example',
    });
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
  it('say what changes and what stays', () => {
    expect(changeSentence({ kind: 'convert', to: 'Member' }, 'Nora')).toMatch(/becomes a member.*stay as they are/);
    expect(changeSentence({ kind: 'deleteUser' }, 'Nora')).toContain('restored from Deleted users for 30 days');
    expect(changeSentence({ kind: 'leaveGroup', group: { id: 'g', displayName: 'Viewers' } }, 'Nora')).toContain(
      'Other groups stay',
    );
  });
});
