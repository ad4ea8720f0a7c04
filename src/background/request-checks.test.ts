import { describe, expect, it } from 'vitest';
import type { BackgroundProtocol } from '../common/protocol.ts';
import { backgroundChecks, type ChecksOf, fits } from './request-checks.ts';

const guest = { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', mail: 'nora@partner.example', displayName: 'nora' };
const SCOPE = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const ROLE = `/subscriptions/11111111-2222-4333-8444-555555555555/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
const role = { removal: 'eligibility', roleDefinitionId: ROLE, roleName: 'Reader', scope: SCOPE, scopeWords: 'rg', end: null };
const rule = '(user.userType -eq "Guest") -and (user.mail -endsWith "@partner.example")';
const invited = { userPrincipalName: 'nora_partner.example#EXT#@contoso.onmicrosoft.com', userType: 'Guest', external: true };
const employee = { userPrincipalName: 'lee@contoso.example', userType: 'Member', external: false };
const start = (change: unknown, who: unknown = guest) => fits(backgroundChecks, 'startGuestChange', { guest: who, change });

describe('changes sent from a guest card', () => {
  it('refuses to delete or convert a member unless the admin acknowledged they are one', () => {
    expect(start({ kind: 'deleteUser', user: employee })).toBe(false);
    expect(start({ kind: 'convert', to: 'Guest', user: { ...invited, userType: 'Member' } })).toBe(false);
    expect(start({ kind: 'deleteUser', user: employee, memberAcknowledged: true })).toBe(true);
    expect(start({ kind: 'convert', to: 'Guest', user: employee, memberAcknowledged: true })).toBe(true);
  });

  it('accepts the changes the card makes', () => {
    expect(start({ kind: 'convert', to: 'Member', user: invited })).toBe(true);
    expect(start({ kind: 'removeAzureRole', role })).toBe(true);
    expect(
      start({
        kind: 'createGroup',
        group: { displayName: 'G', mailNickname: 'guests-partner-example', domain: 'partner.example', membershipRule: rule },
      }),
    ).toBe(true);
    expect(start({ kind: 'deleteUser', user: invited })).toBe(true);
    // Power BI may name a guest by their UPN, #EXT# and all.
    const identifier = 'nora_partner.example#EXT#@contoso.onmicrosoft.com';
    expect(
      start({ kind: 'removeWorkspaceRole', role: { workspaceId: guest.id, workspaceName: 'w', identifier, role: 'Viewer' } }),
    ).toBe(true);
  });

  it.each([
    ['an unknown kind', { kind: 'grantOwner' }],
    ['a user type Entra has not', { kind: 'convert', to: 'Admin', user: invited }],
    ['a deletion that does not say whom it deletes', { kind: 'deleteUser' }],
    ['a group that is not an id', { kind: 'leaveGroup', group: { id: '../me', displayName: 'x' } }],
    ['a scope outside the grammar', { kind: 'removeAzureRole', role: { ...role, scope: `${SCOPE}/..%2F..` } }],
    [
      'an assignment of another scope',
      {
        kind: 'removeAzureRole',
        role: {
          ...role,
          removal: 'assignment',
          assignmentId: '/subscriptions/x/providers/Microsoft.Authorization/roleAssignments/y',
        },
      },
    ],
    [
      'a rule the extension does not propose',
      {
        kind: 'createGroup',
        group: { displayName: 'G', mailNickname: 'g', domain: 'partner.example', membershipRule: '(user.userType -eq "Member")' },
      },
    ],
    [
      'a workspace user that is a dot segment',
      { kind: 'removeWorkspaceRole', role: { workspaceId: guest.id, workspaceName: 'w', identifier: '..', role: 'Viewer' } },
    ],
    [
      'an assignment whose name is not a GUID',
      {
        kind: 'removeAzureRole',
        role: { ...role, removal: 'assignment', assignmentId: `${SCOPE}/providers/Microsoft.Authorization/roleAssignments/..` },
      },
    ],
    [
      'a workspace user with a path in it',
      { kind: 'removeWorkspaceRole', role: { workspaceId: guest.id, workspaceName: 'w', identifier: 'a/../b', role: 'Viewer' } },
    ],
  ])('refuses %s', (_why, change) => {
    expect(start(change)).toBe(false);
  });

  it('refuses a guest named by something other than an id', () => {
    expect(start({ kind: 'deleteUser' }, { ...guest, id: 'me' })).toBe(false);
  });
});

describe('the table of checks', () => {
  it('has a check for every message of the protocol, and a table missing one does not compile', () => {
    const { openSession: _left, ...rest } = backgroundChecks;
    // @ts-expect-error: openSession has no check.
    const missing: ChecksOf<BackgroundProtocol> = rest;
    expect(Object.hasOwn(missing, 'openSession')).toBe(false);
    expect(Object.hasOwn(backgroundChecks, 'openSession')).toBe(true);
  });
});
