import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, resultsCsv } from '../../background/features/bulk/results.ts';
import { parseBulkInviteCsv } from './csv.ts';
import type { GroupFacts } from './groups.ts';
import { countOutcomes, countVerdicts, describeRow, type JobRow, planRows } from './job.ts';
import { group, PAT } from './plan-fixtures.ts';

const FILE = [
  'email,redirectUrl,group',
  'new@partner.example,,',
  'pat@partner.example,,Sales viewers',
  'NEW@partner.example,,',
  'lee@contoso.example,,',
  'x@partner.example,,No such group',
  'broken,,',
].join('\n');

const lookups = {
  users: new Map([['pat@partner.example', PAT]]),
  groups: new Map<string, GroupFacts | null>([
    ['Sales viewers', group('g1', 'Sales viewers')],
    ['No such group', null],
  ]),
  domains: ['contoso.example'],
  roles: new Map(),
};

describe('planRows', () => {
  const rows = planRows(parseBulkInviteCsv(FILE), lookups, 'https://app.powerbi.com/groups/me/apps/1');

  it('gives each row a verdict: invite, already a guest, duplicate, member, invalid', () => {
    expect(rows.map((r) => [r.line, r.verdict, r.outcome])).toEqual([
      [2, 'invite', 'pending'],
      [3, 'reuse', 'pending'],
      [4, 'duplicate', 'skipped'],
      [5, 'member', 'failed'],
      [6, 'invalid', 'failed'],
      [7, 'invalid', 'failed'],
    ]);
    expect(rows[1]).toMatchObject({ userId: 'pat-id', groupId: 'g1' });
    expect(rows[2]?.reason).toBe('Same address as line 2.');
    expect(rows[4]?.reason).toBe('No group "No such group" in this tenant.');
  });

  it('fills the redirect URL of rows without one from the page, and counts', () => {
    expect(rows[0]?.redirectUrl).toBe('https://app.powerbi.com/groups/me/apps/1');
    expect(countVerdicts(rows)).toEqual({ invite: 1, reuse: 1, member: 1, invalid: 2, duplicate: 1 });
    expect(countOutcomes(rows)).toEqual({ total: 6, invited: 0, reused: 0, failed: 3, skipped: 1, pending: 2, granting: 0 });
  });
});

describe('planRows with groups', () => {
  it('refuses rows naming a Microsoft 365, dynamic, role-assignable or mail-enabled group, saying why', () => {
    const groups = new Map<string, GroupFacts | null>([
      ['Team', { ...group('m1', 'Team'), kind: 'microsoft365' }],
      ['Finance', { ...group('d1', 'Finance'), dynamic: true }],
      ['Admins', { ...group('a1', 'Admins'), roleAssignable: true }],
      ['News', { ...group('n1', 'News'), kind: 'mail' }],
      ['Sales viewers', group('g1', 'Sales viewers')],
    ]);
    const file = [
      'email,group',
      'a@p.example,Team',
      'b@p.example,Finance',
      'c@p.example,Admins',
      'd@p.example,News',
      'e@p.example,Sales viewers',
    ];
    const rows = planRows(parseBulkInviteCsv(file.join('\n')), { ...lookups, groups }, 'https://x.example/');
    expect(rows.map((r) => [r.verdict, r.groupId, r.steps.length])).toEqual([
      ['invalid', undefined, 0],
      ['invalid', undefined, 0],
      ['invalid', undefined, 0],
      ['invalid', undefined, 0],
      ['invite', 'g1', 2],
    ]);
    expect(rows.map((r) => r.reason)).toEqual([
      '"Team" is a Microsoft 365 group: bulk adds guests to security groups only.',
      '"Finance" has dynamic membership: its rule decides who is in it, so no one can be added by hand.',
      '"Admins" can hold Microsoft Entra roles: add guests to it one at a time, not from a file.',
      '"News" is mail-enabled: bulk adds guests to security groups without e-mail only.',
      undefined,
    ]);
  });
});

describe('planRows with roles', () => {
  it('resolves a role by name, and refuses one that cannot be given in bulk, saying why', () => {
    const roles = new Map([
      ['Storage Blob Data Reader', { id: 'r1', name: 'Storage Blob Data Reader' }],
      ['Owner', { refused: 'Owner can do everything here.' }],
    ]);
    const file =
      'email,role\na@partner.example,Storage Blob Data Reader\nb@partner.example,Owner\npat@partner.example,Storage Blob Data Reader';
    const rows = planRows(parseBulkInviteCsv(file), { ...lookups, roles }, 'https://x.example/');
    expect(rows.map((r) => [r.verdict, r.roleId, r.reason])).toEqual([
      ['invite', 'r1', undefined],
      ['invalid', undefined, 'Owner can do everything here.'],
      ['reuse', 'r1', undefined],
    ]);
    expect(describeRow(rows[2] as JobRow)).toBe('Already a guest: will only grant');
  });
});

describe('resultsCsv', () => {
  it("writes every input row with its outcome under Entra's header, safe to open in a spreadsheet", () => {
    const rows = planRows(
      parseBulkInviteCsv('email,message\n"@evil@partner.example",=HYPERLINK("x")\nok@partner.example,-1'),
      lookups,
      'https://x.example/',
    );
    const [version, ...rest] = resultsCsv(rows).split('\r\n');
    // A byte-order mark first, for spreadsheets; then Entra's version row.
    expect(version).toBe('\uFEFFversion:v1.0');
    const table = Papa.parse<string[]>(rest.join('\r\n'), { skipEmptyLines: true }).data;
    expect(table[0]?.[0]).toBe('Email address to invite [inviteeEmail] Required');
    expect(table).toHaveLength(3);
    expect(table[1]?.[0]).toBe("'@evil@partner.example");
    expect(table[2]?.[3]).toBe("'-1");
    expect(table[1]?.[8]).toBe('Failed');
  });

  it('neutralizes formulas and leaves other text alone', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', 'plain', ''].map(neutralizeCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      'plain',
      '',
    ]);
  });
});

describe('planRows with an environment role column', () => {
  const environmentRoles = new Map<string, { id: string; name: string } | { refused: string }>([
    ['basic user', { id: 'basic-id', name: 'Basic User' }],
    ['environment maker', { id: 'maker-id', name: 'Environment Maker' }],
    ['system administrator', { refused: 'System Administrator is not given in bulk; give it to one guest at a time.' }],
  ]);
  const file = [
    'email,environment role',
    'a@partner.example,environment maker',
    'b@partner.example,yes',
    'c@partner.example,System Administrator',
    'd@partner.example,Sales Boss',
  ].join('\n');

  it('gives each row the role it names, yes meaning Basic User, and an environment step after its invitation', () => {
    const rows = planRows(parseBulkInviteCsv(file), { ...lookups, environmentRoles }, 'https://x.example/');
    expect(rows.map((r) => [r.environmentRoleId, r.environmentRole])).toEqual([
      ['maker-id', 'Environment Maker'],
      ['basic-id', 'Basic User'],
      [undefined, 'System Administrator'],
      [undefined, 'Sales Boss'],
    ]);
    expect(rows[0]?.steps.map((s) => s.kind)).toEqual(['invite', 'environment']);
  });

  it('refuses a broad role and a role the environment does not have, and any role off an environment page', () => {
    const rows = planRows(parseBulkInviteCsv(file), { ...lookups, environmentRoles }, 'https://x.example/');
    expect(rows[2]).toMatchObject({ verdict: 'invalid', reason: expect.stringContaining('not given in bulk') });
    expect(rows[3]).toMatchObject({ verdict: 'invalid', reason: 'No security role "Sales Boss" in this environment.' });
    const elsewhere = planRows(parseBulkInviteCsv(file), lookups, 'https://x.example/');
    expect(elsewhere.every((r) => r.verdict === 'invalid')).toBe(true);
  });
});

describe('planRows with a licence column', () => {
  const environmentRoles = new Map([['basic user', { id: 'basic-id', name: 'Basic User' }]]);
  const environmentLicenses = new Map([['power apps premium', { skuId: 'sku-id', name: 'Power Apps Premium' }]]);
  const file = [
    'email,licence,usage location',
    'a@partner.example,Power Apps Premium,nl',
    'b@partner.example,Power Apps Premium,',
  ].join('\n');

  it('assigns the licence named, with its usage location, and refuses one without a usage location', () => {
    const rows = planRows(parseBulkInviteCsv(file), { ...lookups, environmentRoles, environmentLicenses }, 'https://x.example/');
    expect(rows[0]).toMatchObject({ licenseSkuId: 'sku-id', usageLocation: 'NL' });
    expect(rows[0]?.steps.map((s) => s.kind)).toEqual(['invite', 'envLicense']);
    expect(rows[1]).toMatchObject({ verdict: 'invalid', reason: expect.stringContaining('usage location') });
  });
});
