import { describe, expect, it } from 'vitest';
import type { AzureGrant, ExternalAccess, ExternalGrant, ExternalPerson } from '../../common/external-access.ts';
import { changeOf, changesOf, filtered, pathWords, roleWords, rowsOf, takeBackSentence } from './external-rows.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const role = (o: Partial<AzureGrant['role']> = {}): AzureGrant['role'] => ({
  removal: 'assignment',
  roleDefinitionId: '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/r',
  roleName: 'Reader',
  scope: '/subscriptions/s',
  scopeWords: 'Subscription S',
  end: null,
  ...o,
});
const group = { id: 'g', displayName: 'Relecloud contractors' };
const person = (o: Partial<ExternalPerson>): ExternalPerson => ({
  id: 'p',
  displayName: 'P',
  mail: 'p@x.example',
  kind: 'guest',
  invitation: { state: 'Accepted', since: '2026-01-01T00:00:00Z' },
  sponsors: [{ id: 'm', displayName: 'Megan' }],
  lastSignIn: '2026-12-01T00:00:00Z',
  grants: [],
  ...o,
});
const access: ExternalAccess = {
  scope: '/subscriptions/s',
  scopeWords: 'Subscription S',
  signIn: 'read',
  groupsNotRead: [],
  people: [
    person({
      id: 'rafael',
      displayName: 'Rafael',
      lastSignIn: null,
      grants: [
        { path: { kind: 'direct' }, role: role(), eligible: false, broad: null },
        { path: { kind: 'group', group }, role: role({ roleName: 'Owner' }), eligible: false, broad: 'can do everything' },
        { path: { kind: 'group', group }, role: role({ roleName: 'Contributor' }), eligible: false, broad: null },
      ],
    }),
    person({
      id: 'ines',
      displayName: 'Ines',
      sponsors: [],
      lastSignIn: '2026-05-21T09:30:00Z',
      grants: [{ path: { kind: 'direct' }, role: role({ end: '2027-01-01T00:00:00Z' }), eligible: true, broad: null }],
    }),
    person({
      id: 'pat',
      displayName: 'Pat',
      lastSignIn: null,
      invitation: { state: 'PendingAcceptance', since: '2026-10-02T09:15:00Z' },
      grants: [{ path: { kind: 'direct' }, role: role(), eligible: true, broad: null }],
    }),
  ],
};
const names = (f: Parameters<typeof filtered>[2]) => [
  ...new Set(filtered(rowsOf(access), access, f, NOW).map((r) => r.person.displayName)),
];

describe('the filters of External access here', () => {
  it('finds who never signed in, who has not for 90 days, and whose invitation waits more than 30 days', () => {
    expect(names(['neverSignedIn'])).toEqual(['Rafael', 'Pat']);
    expect(names(['inactive90'])).toEqual(['Rafael', 'Ines', 'Pat']);
    expect(names(['pending30'])).toEqual(['Pat']);
  });

  it('finds no one by sign-in when Graph refused sign-in activity', () => {
    const refused = { ...access, signIn: 'needsP1' as const };
    expect(filtered(rowsOf(refused), refused, ['neverSignedIn'], NOW)).toEqual([]);
  });

  it('keeps only the rows every chosen filter keeps: a permanent broad role, no sponsor', () => {
    expect(filtered(rowsOf(access), access, ['permanent', 'broadRole'], NOW).map((r) => roleWords(r.grant))).toEqual(['Owner']);
    expect(names(['noSponsor'])).toEqual(['Ines']);
  });
});

describe('taking back many at once', () => {
  it('leaves a group once for two rows through it, and counts what stays', () => {
    const rows = rowsOf(access);
    const rafaelsGroup = rows.filter((r) => r.person.id === 'rafael' && r.grant.path.kind === 'group').slice(0, 1);
    expect(changesOf(rafaelsGroup).map((c) => c.change.kind)).toEqual(['leaveGroup']);
    // Leaving the group takes both of its rows: the direct Reader, Ines and Pat stay.
    expect(takeBackSentence(rows, rafaelsGroup)).toBe(
      'Goes: Rafael leaves Relecloud contractors (and everything that group gives). Stays: the other 3 paths listed here, and everything these people hold elsewhere.',
    );
    const twice = rows.filter((r) => r.person.id === 'rafael' && r.grant.path.kind === 'group');
    expect(changesOf(twice)).toHaveLength(1);
  });

  it("has a person reached through a group nested in the role's group leave the nested one", () => {
    const nested = { id: 'n', displayName: 'Relecloud data team' };
    const through: ExternalAccess = {
      ...access,
      people: [
        person({
          id: 'ines',
          displayName: 'Ines',
          grants: [{ path: { kind: 'group', group, nested }, role: role(), eligible: false, broad: null }],
        }),
      ],
    };
    const rows = rowsOf(through);
    expect(changesOf(rows).map((c) => c.change)).toEqual([{ kind: 'leaveGroup', group: nested }]);
    expect(pathWords(rows[0]?.grant as ExternalGrant)).toBe(
      'through group Relecloud data team, a member of group Relecloud contractors',
    );
    expect(takeBackSentence(rows, rows)).toBe(
      'Goes: Ines leaves Relecloud data team (and everything that group gives). Stays: no other path listed here, and everything these people hold elsewhere.',
    );
  });
});

describe('taking back on a Power BI or Power Platform page', () => {
  const workspaceRole = { workspaceId: 'ws', workspaceName: 'Data Science', identifier: 'ola@partner.example', role: 'Viewer' };
  const place: ExternalAccess = {
    scopeWords: 'Model Lab',
    signIn: 'read',
    groupsNotRead: [],
    people: [
      person({
        id: 'ola',
        displayName: 'Ola',
        grants: [
          { path: { kind: 'workspace', workspace: 'Data Science' }, roleName: 'Viewer', broad: null, workspaceRole },
          { path: { kind: 'audience', app: 'Model Lab', group }, roleName: 'Opens the app', broad: null },
        ],
      }),
      person({
        id: 'ines',
        displayName: 'Ines',
        grants: [{ path: { kind: 'dataverse', environment: 'Contoso Dev' }, roleName: 'In Dataverse', broad: null }],
      }),
    ],
  };

  it("takes a workspace role back by the card's removal, an audience by leaving its group, and a Dataverse user not at all", () => {
    const rows = rowsOf(place);
    expect(rows.map((r) => changeOf(r))).toEqual([
      { kind: 'removeWorkspaceRole', role: workspaceRole },
      { kind: 'leaveGroup', group },
      null,
    ]);
    expect(pathWords(rows[1]?.grant as ExternalGrant)).toBe('audience of Model Lab, through group Relecloud contractors');
    // Chosen with the others, the Dataverse user is no change, and stays.
    expect(changesOf(rows)).toHaveLength(2);
    expect(takeBackSentence(rows, rows)).toBe(
      'Goes: Ola loses Viewer in workspace Data Science; Ola leaves Relecloud contractors (and everything that group gives). Stays: the other path listed here, and everything these people hold elsewhere.',
    );
  });
});
