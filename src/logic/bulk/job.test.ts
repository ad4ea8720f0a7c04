import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, resultsCsv } from '../../background/features/bulk/results.ts';
import { parseBulkInviteCsv } from './csv.ts';
import type { GroupFacts } from './groups.ts';
import { countOutcomes, countVerdicts, describeRow, type JobRow, planRows, reasonOf, rowState } from './job.ts';
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
      [5, 'member', 'skipped'],
      [6, 'invalid', 'skipped'],
      [7, 'invalid', 'skipped'],
    ]);
    expect(rows[1]).toMatchObject({ userId: 'pat-id', groupId: 'g1' });
    expect(rows[2]?.reason).toBe('Same address as line 2.');
    expect(rows[4]?.reason).toBe('No group "No such group" in this tenant.');
  });

  it('fills the redirect URL of rows without one from the page, and counts', () => {
    expect(rows[0]?.redirectUrl).toBe('https://app.powerbi.com/groups/me/apps/1');
    expect(countVerdicts(rows)).toEqual({ invite: 1, reuse: 1, member: 1, invalid: 2, duplicate: 1 });
    // Rows never sent are skipped, not failed: nothing was refused by Microsoft.
    expect(countOutcomes(rows)).toEqual({ total: 6, toSend: 2, sent: 0, skipped: 4, failed: 0, invited: 0, granting: 0 });
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
    expect(table[0]?.slice(10, 13)).toEqual(['Line [line]', 'Outcome [outcome]', 'Reason [reason]']);
    expect(table[1]?.slice(11, 13)).toEqual([
      'Skipped',
      "'@evil@partner.example: Enter a full e-mail address, like name@partner.example.",
    ]);
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

describe('the results file gives bad rows back whole', () => {
  const FULL = [
    'version:v1.0',
    'Email address to invite [inviteeEmail] Required,Redirection url [inviteRedirectURL] Required,Send invitation message (true or false) [sendEmail],Customized invitation message [customizedMessageBody],Display name [inviteeDisplayName],Group [group]',
    'good@partner.example,https://a.example/,true,Hi,Good,Sales viewers',
    ',https://b.example/,false,Hello there,No address,Sales viewers',
    'when@partner.example,https://c.example/,sometimes,Welcome,When,Sales viewers',
    'where@partner.example,ftp://files.example/,true,Bonjour,Where,Sales viewers',
  ].join('\r\n');

  it("keeps every input value of each bad row, in Entra's columns, with its outcome and reason", () => {
    const rows = planRows(parseBulkInviteCsv(FULL), lookups, 'https://x.example/');
    const table = Papa.parse<Record<string, string>>(resultsCsv(rows).split('\r\n').slice(1).join('\r\n'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const input = (r: Record<string, string> | undefined) => Object.values(r ?? {}).slice(0, 6);
    expect(table.slice(1).map(input)).toEqual([
      ['', 'https://b.example/', 'false', 'Hello there', 'No address', 'Sales viewers'],
      ['when@partner.example', 'https://c.example/', 'sometimes', 'Welcome', 'When', 'Sales viewers'],
      ['where@partner.example', 'ftp://files.example/', 'true', 'Bonjour', 'Where', 'Sales viewers'],
    ]);
    expect(table.slice(1).map((r) => [r['Outcome [outcome]'], r['Reason [reason]']])).toEqual([
      ['Skipped', 'The e-mail address is missing.'],
      ['Skipped', '"Send invitation message" must be true or false, not "sometimes".'],
      ['Skipped', 'The redirect URL "ftp://files.example/" must start with https://.'],
    ]);
  });

  it('reads back as the file it came from: the same rows, the same values, the same verdicts', () => {
    const rows = planRows(parseBulkInviteCsv(FULL), lookups, 'https://x.example/');
    const again = planRows(parseBulkInviteCsv(resultsCsv(rows)), lookups, 'https://x.example/');
    const seen = (r: JobRow) => [r.email, r.verdict, r.reason, r.input, r.message, r.displayName, r.group];
    expect(again.map(seen)).toEqual(rows.map(seen));
  });
});

describe('counting in four words: to send, sent, skipped, failed', () => {
  const sent = (over: Partial<JobRow>): JobRow => ({
    line: 2,
    email: 'a@partner.example',
    redirectUrl: 'https://x.example/',
    sendEmail: true,
    verdict: 'invite',
    outcome: 'invited',
    steps: [{ kind: 'invite', state: 'done' }],
    ...over,
  });

  it('counts a row whose group Microsoft refused as failed, with the refusal as its reason', () => {
    const refused = sent({
      group: 'Sales',
      groupId: 'g1',
      steps: [
        { kind: 'invite', state: 'done' },
        { kind: 'group', state: 'failed', error: 'Insufficient privileges.', code: 'forbidden' },
      ],
    });
    expect(rowState(refused)).toBe('failed');
    expect(reasonOf(refused)).toBe('not added to Sales: Insufficient privileges.');
  });

  it('counts a row whose grant the person stopped by cancelling as sent, not failed', () => {
    const stopped = sent({
      groupId: 'g1',
      steps: [
        { kind: 'invite', state: 'done' },
        { kind: 'group', state: 'failed', error: 'x' },
      ],
    });
    expect(rowState(stopped)).toBe('sent');
  });

  it('counts a guest with nothing to give as skipped, and a failed invitation as failed', () => {
    const rows = planRows(parseBulkInviteCsv('email\npat@partner.example\nnew@partner.example'), lookups, 'https://x.example/');
    expect(rows.map(rowState)).toEqual(['skipped', 'toSend']);
    expect(reasonOf(rows[0] as JobRow)).toBe('Already a guest, and the row gives nothing: nothing to send.');
    const failed = sent({
      outcome: 'failed',
      error: 'Blocked.',
      steps: [{ kind: 'invite', state: 'failed', code: 'domain_blocked' }],
    });
    expect(countOutcomes([...rows, failed, sent({})])).toMatchObject({ toSend: 1, sent: 1, skipped: 1, failed: 1 });
  });
});
