import { describe, expect, it } from 'vitest';
import { type BulkLineError, MAX_BULK_ROWS, parseBulkInviteCsv } from './csv.ts';

/** The errors' lines and words, without the cells each keeps for the results file. */
const said = (errors: BulkLineError[]) => errors.map(({ cells: _, ...e }) => e);

const HEADER =
  'Email address to invite [inviteeEmail] Required,Redirection url [inviteRedirectURL] Required,' +
  'Send invitation message (true or false) [sendEmail],Customized invitation message [customizedMessageBody]';
const EXAMPLE = 'Example: someone@contoso.com,Example: https://myapplications.microsoft.com,Example: true,Example: Hello';

describe('parseBulkInviteCsv', () => {
  it("reads Entra's template unchanged: version row, header, example row, then data", () => {
    const text = [
      'version:v1.0',
      HEADER,
      EXAMPLE,
      'ana@partner.example,https://app.powerbi.com/groups/me/apps/1,true,Hi Ana',
    ].join('\r\n');
    expect(parseBulkInviteCsv(text)).toEqual({
      rows: [
        {
          line: 4,
          email: 'ana@partner.example',
          redirectUrl: 'https://app.powerbi.com/groups/me/apps/1',
          sendEmail: true,
          message: 'Hi Ana',
        },
      ],
      errors: [],
    });
  });

  it('keeps quoted commas and line breaks in a cell and counts lines from where each row starts', () => {
    const text = `version:v1.0\n${HEADER}\n"raj@partner.example",,false,"Dear Raj,\nwelcome."\nkim@partner.example,,,\n`;
    const { rows, errors } = parseBulkInviteCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.email, r.sendEmail, r.message])).toEqual([
      [3, 'raj@partner.example', false, 'Dear Raj,\nwelcome.'],
      [5, 'kim@partner.example', true, undefined],
    ]);
  });

  it('ignores a byte-order mark, CRLF line ends and trailing blank lines', () => {
    const text = `\ufeffversion:v1.0\r\n${HEADER}\r\na@partner.example,,,\r\n\r\n\r\nb@partner.example,,,\r\n\r\n\r\n`;
    const { rows, errors } = parseBulkInviteCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.email])).toEqual([
      [3, 'a@partner.example'],
      [6, 'b@partner.example'],
    ]);
  });

  it('matches columns by their bracketed key in any order, and plain headers too', () => {
    const entra = parseBulkInviteCsv(
      'Send invitation message (true or false) [sendEmail],Email address to invite [inviteeEmail] Required\nno,x@partner.example',
    );
    expect(entra.rows).toEqual([{ line: 2, email: 'x@partner.example', sendEmail: false }]);
    const plain = parseBulkInviteCsv(
      'Display Name;Email;Redirect URL;Group\nXu Li;xu@partner.example;https://x.example/;Sales viewers',
    );
    expect(plain.rows).toEqual([
      {
        line: 2,
        email: 'xu@partner.example',
        displayName: 'Xu Li',
        redirectUrl: 'https://x.example/',
        sendEmail: true,
        group: 'Sales viewers',
      },
    ]);
  });

  it('reports each bad row with its line and reason, and keeps the good ones', () => {
    const text = [
      'version:v1.0',
      HEADER,
      'good@partner.example,,,',
      ',https://x.example,,',
      'bad,address@partner.example,,,',
      'not-an-address,,,',
      'ok@partner.example,ftp://files.example,,',
      'fine@partner.example,,maybe,',
    ].join('\n');
    const { rows, errors } = parseBulkInviteCsv(text);
    expect(rows.map((r) => r.email)).toEqual(['good@partner.example']);
    expect(said(errors)).toEqual([
      { line: 4, message: 'The e-mail address is missing.' },
      { line: 5, email: 'bad', message: 'bad: Enter a full e-mail address, like name@partner.example.' },
      { line: 6, email: 'not-an-address', message: 'not-an-address: Enter a full e-mail address, like name@partner.example.' },
      {
        line: 7,
        email: 'ok@partner.example',
        message: 'The redirect URL "ftp://files.example" must start with https://.',
      },
      { line: 8, email: 'fine@partner.example', message: '"Send invitation message" must be true or false, not "maybe".' },
    ]);
  });

  it('keeps every cell of a bad row as the file gave it, so the row can be given back to be fixed', () => {
    const { errors } = parseBulkInviteCsv(
      'email,redirect url,send email,message,display name,group\nno-at,https://x.example/, yes ,Hello,Ana,Sales\n',
    );
    expect(errors[0]?.cells).toEqual({
      email: 'no-at',
      redirectUrl: 'https://x.example/',
      sendEmail: ' yes ',
      message: 'Hello',
      displayName: 'Ana',
      group: 'Sales',
    });
  });

  it('says so when no column holds the e-mail address, or the file is empty', () => {
    expect(parseBulkInviteCsv('name,company\nAna,Partner').errors[0]?.message).toMatch(/No e-mail column/);
    expect(parseBulkInviteCsv('\r\n\r\n')).toEqual({ rows: [], errors: [{ line: 1, message: 'The file has no rows.' }] });
  });

  it('rejects characters Graph refuses in an invited address', () => {
    const { errors } = parseBulkInviteCsv('email\n"a,b@partner.example"\nc#d@partner.example');
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
    expect(errors[1]?.message).toContain('"#"');
  });

  it('refuses a row whose quote is not closed, and says which lines it swallowed', () => {
    const { rows, errors } = parseBulkInviteCsv(
      'email,name\na@partner.example,"Bob" Smith\nb@partner.example,ok\nc@partner.example,ok',
    );
    expect(rows).toEqual([]);
    expect(said(errors)).toEqual([
      {
        line: 2,
        message:
          'A quote in this row is not closed properly, so the row (and the lines read into it, up to line 4) was not read.',
      },
    ]);
  });

  it('takes the first column with a value when two name the same field', () => {
    const { rows } = parseBulkInviteCsv('email,name,display name\na@partner.example,,Ana Silva');
    expect(rows[0]?.displayName).toBe('Ana Silva');
  });

  it('reads 10,000 rows', () => {
    const lines = ['version:v1.0', HEADER];
    for (let i = 0; i < 10_000; i++) lines.push(`user${i}@partner.example,,true,`);
    const { rows } = parseBulkInviteCsv(lines.join('\r\n'));
    expect(rows).toHaveLength(10_000);
    expect(rows.at(-1)).toEqual({ line: 10_002, email: 'user9999@partner.example', sendEmail: true });
  });

  it('refuses a redirect URL that is not https, row by row, and reads the rest of the file', () => {
    const { rows, errors } = parseBulkInviteCsv(
      [
        'email,redirect url',
        'a@partner.example,http://app.example/',
        'b@partner.example,HTTPS://app.example/ok',
        'c@partner.example,javascript:alert(1)',
        'd@partner.example,https://',
      ].join('\n'),
    );
    expect(rows).toEqual([{ line: 3, email: 'b@partner.example', redirectUrl: 'HTTPS://app.example/ok', sendEmail: true }]);
    expect(said(errors)).toEqual([
      { line: 2, email: 'a@partner.example', message: 'The redirect URL "http://app.example/" must start with https://.' },
      { line: 4, email: 'c@partner.example', message: 'The redirect URL "javascript:alert(1)" must start with https://.' },
      { line: 5, email: 'd@partner.example', message: 'The redirect URL "https://" is not a web address (https://...).' },
    ]);
  });

  it.each([
    ['redirect url', `https://x.example/${'a'.repeat(2_048 - 18)}`, 'The redirect URL is longer than 2,048 characters.'],
    ['message', 'm'.repeat(10_000), 'The invitation message is longer than 10,000 characters.'],
    ['display name', 'n'.repeat(256), 'The display name is longer than 256 characters.'],
    ['group', 'g'.repeat(256), 'The group is longer than 256 characters.'],
    ['role', 'r'.repeat(256), 'The role name is longer than 256 characters.'],
  ])('takes a %s at its longest, and refuses that row with one more character', (column, longest, message) => {
    const { rows, errors } = parseBulkInviteCsv(
      `email,${column}\na@partner.example,${longest}\nb@partner.example,${longest}x\nc@partner.example,`,
    );
    expect(rows.map((r) => r.email)).toEqual(['a@partner.example', 'c@partner.example']);
    expect(said(errors)).toEqual([{ line: 3, email: 'b@partner.example', message }]);
  });

  it(`reads ${MAX_BULK_ROWS.toLocaleString('en-US')} data rows, not counting the version row, header, example row or blank lines`, () => {
    const lines = ['version:v1.0', HEADER, EXAMPLE, ''];
    for (let i = 0; i < MAX_BULK_ROWS; i++) lines.push(i % 2 ? `user${i}@partner.example,,,` : 'bad,,,');
    const parsed = parseBulkInviteCsv(`${lines.join('\r\n')}\r\n\r\n`);
    expect(parsed.tooManyRows).toBeUndefined();
    expect(parsed.rows.length + parsed.errors.length).toBe(MAX_BULK_ROWS);
  });

  it('stops at the first row over the cap and reports the file as too long, with no rows to invite', () => {
    const lines = ['version:v1.0', HEADER, EXAMPLE];
    for (let i = 0; i <= MAX_BULK_ROWS; i++) lines.push(`user${i}@partner.example,,,`);
    lines.push('bad,,,');
    expect(parseBulkInviteCsv(lines.join('\n'))).toEqual({
      rows: [],
      errors: [
        { line: MAX_BULK_ROWS + 4, message: 'The file has more than 50,000 rows; split it into files of at most 50,000.' },
      ],
      tooManyRows: MAX_BULK_ROWS,
    });
  });

  it('reads a header cell of half a million "[" without a "]" in linear time', () => {
    const brackets = '['.repeat(500_000);
    expect(parseBulkInviteCsv(`${brackets},email\n,a@partner.example`)).toEqual({
      rows: [{ line: 2, email: 'a@partner.example', sendEmail: true }],
      errors: [],
    });
    expect(parseBulkInviteCsv(`${brackets}\na@partner.example`).errors[0]?.message).toMatch(/^No e-mail column/);
  });

  it('takes the key from the first non-empty brackets, as Entra names its columns', () => {
    const { rows } = parseBulkInviteCsv('Notes [] [inviteeEmail] [x,[[displayName]\na@partner.example,Ana');
    expect(rows).toEqual([{ line: 2, email: 'a@partner.example', displayName: 'Ana', sendEmail: true }]);
  });
});
