import { describe, expect, it } from 'vitest';
import { parseBulkInviteCsv } from '../../../logic/bulk/csv.ts';
import type { GroupFacts } from '../../../logic/bulk/groups.ts';
import { planRows } from '../../../logic/bulk/job.ts';
import { group, PAT } from '../../../logic/bulk/plan-fixtures.ts';
import { summarizeGrants } from './grants.ts';

const DEFAULT = 'https://app.powerbi.com/groups/me/apps/1';
const lookups = {
  users: new Map([['pat@partner.example', PAT]]),
  groups: new Map<string, GroupFacts | null>([
    ['g-mfa', group('g-mfa', 'MFA excluded')],
    ['Sales viewers', group('g-sales', 'Sales viewers')],
    ['Team', group('g-team', 'Partner team', { kind: 'microsoft365' })],
  ]),
  domains: ['contoso.example'],
  roles: new Map([
    ['Reader', { id: 'reader', name: 'Reader' }],
    ['reader', { id: 'reader', name: 'Reader' }],
  ]),
  environmentRoles: new Map([['basic user', { id: 'basic', name: 'Basic User' }]]),
  environmentLicenses: new Map([['power apps premium', { skuId: 'sku', name: 'Power Apps Premium' }]]),
};

const plan = (lines: string[]) =>
  planRows(
    parseBulkInviteCsv(
      ['email,group,redirectUrl,message,displayName,role,environment role,licence,usage location', ...lines].join('\n'),
    ),
    lookups,
    DEFAULT,
  );

describe('summarizeGrants', () => {
  it('lists each group once by name, id and kind, with the rows that will join it, and refused groups with theirs', () => {
    const grants = summarizeGrants(
      plan([
        'a@partner.example,g-mfa,,,,,,,',
        'b@partner.example,g-mfa,,,,,,,',
        'pat@partner.example,Sales viewers,,,,,,,',
        'c@partner.example,Team,,,,,,,',
        'A@partner.example,g-mfa,,,,,,,',
        'lee@contoso.example,Sales viewers,,,,,,,',
      ]),
      DEFAULT,
    );
    expect(grants.groups).toEqual([
      { ...group('g-mfa', 'MFA excluded'), rows: 2, refused: false },
      { ...group('g-team', 'Partner team', { kind: 'microsoft365' }), rows: 1, refused: true },
      { ...group('g-sales', 'Sales viewers'), rows: 1, refused: false },
    ]);
  });

  it('counts invitations sent elsewhere than the default site, by host, and those with the file’s own words', () => {
    const grants = summarizeGrants(
      plan([
        'a@partner.example,,https://evil.example/login,,,,,,',
        'b@partner.example,,https://evil.example/other,Click the link,,,,,',
        'c@partner.example,,https://app.powerbi.com/groups/me/apps/2,,,,,,',
        'd@partner.example,,,,Your IT desk,,,,',
        'pat@partner.example,,https://other.example/,A message Pat never gets,,,,,',
      ]),
      DEFAULT,
    );
    expect(grants.redirectHosts).toEqual([{ name: 'evil.example', rows: 2 }]);
    expect(grants.customText).toBe(2);
  });

  it('sums the Azure roles, environment roles and licences the rows give', () => {
    const grants = summarizeGrants(
      plan([
        'a@partner.example,,,,,Reader,yes,Power Apps Premium,NL',
        'b@partner.example,,,,,reader,,,',
        'pat@partner.example,,,,,,yes,,',
      ]),
      DEFAULT,
    );
    expect(grants.azureRoles).toEqual([{ name: 'Reader', rows: 2 }]);
    expect(grants.environmentRoles).toEqual([{ name: 'Basic User', rows: 2 }]);
    expect(grants.licenses).toEqual([{ name: 'Power Apps Premium', rows: 1 }]);
  });

  it('says nothing is granted by a file of plain invitations', () => {
    expect(summarizeGrants(plan(['a@partner.example,,,,,,,,']), DEFAULT)).toEqual({
      groups: [],
      redirectHosts: [],
      customText: 0,
      azureRoles: [],
      environmentRoles: [],
      licenses: [],
    });
  });
});
