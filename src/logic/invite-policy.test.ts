import { describe, expect, it } from 'vitest';
import { invitePermission } from './invite-policy.ts';

const GUEST_INVITER = '95e79109-95c0-4d8e-aee3-d01accf2d47b';
const member = { userType: 'Member', roleTemplateIds: [] };
const guest = { userType: 'Guest', roleTemplateIds: [] };
const inviter = { userType: 'Member', roleTemplateIds: [GUEST_INVITER] };

describe('invitePermission', () => {
  it.each([
    ['everyone', guest, true],
    ['adminsGuestInvitersAndAllMembers', member, true],
    ['adminsGuestInvitersAndAllMembers', guest, false],
    ['adminsAndGuestInviters', inviter, true],
    ['adminsAndGuestInviters', member, false],
    ['none', inviter, false],
  ])('with %s decides %o may invite: %s', (setting, caller, allowed) => {
    expect(invitePermission(setting, caller).allowed).toBe(allowed);
  });

  it('names the role that lets the caller invite', () => {
    expect(invitePermission('adminsAndGuestInviters', inviter).reason).toContain('Guest Inviter');
  });

  it('says who can change the setting when the caller may not invite', () => {
    expect(invitePermission('adminsAndGuestInviters', member).reason).toMatch(
      /User Administrator.*External collaboration settings/,
    );
  });

  it('does not guess when the policy could not be read', () => {
    expect(invitePermission(null, member).allowed).toBeNull();
  });
});
