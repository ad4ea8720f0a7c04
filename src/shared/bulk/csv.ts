import Papa from 'papaparse';
import { describeEmailProblem, emailProblem } from '../email.ts';
import { LIMITS, MAX_BULK_ROWS } from '../inputs.ts';
import { own } from '../own.ts';

/** One person to invite, as read from a bulk-invite file; `line` is where the row starts in the file (1-based). */
export interface BulkRow {
  line: number;
  email: string;
  redirectUrl?: string;
  sendEmail: boolean;
  message?: string;
  displayName?: string;
  /** A group to add the guest to: its id or display name. */
  group?: string;
  /** An Azure role to give at the resource the popup is opened on, by name. */
  role?: string;
}

export interface BulkLineError {
  line: number;
  message: string;
  /** The address the row gave, when it gave one, so the results can name it. */
  email?: string;
}

export { MAX_BULK_ROWS };

export interface ParsedBulkCsv {
  rows: BulkRow[];
  errors: BulkLineError[];
  /**
   * Set to MAX_BULK_ROWS when the file has more data rows than that: reading stopped there, `rows` is empty and
   * `errors` holds one entry, at the line of the first row over the cap, saying so. Refuse the file when it is set.
   */
  tooManyRows?: number;
}

type Field = 'email' | 'redirectUrl' | 'sendEmail' | 'message' | 'displayName' | 'group' | 'role';

/**
 * Column names, normalized (lower case, letters and digits only). Entra's template names each column by a key in
 * brackets, e.g. "Email address to invite [inviteeEmail] Required"; plain headers such as "email" work too.
 */
const COLUMNS: Record<string, Field> = {
  inviteeemail: 'email',
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  inviteduseremailaddress: 'email',
  inviteredirecturl: 'redirectUrl',
  redirecturl: 'redirectUrl',
  redirectionurl: 'redirectUrl',
  redirect: 'redirectUrl',
  sendemail: 'sendEmail',
  sendinvitationmessage: 'sendEmail',
  customizedmessagebody: 'message',
  message: 'message',
  invitationmessage: 'message',
  inviteedisplayname: 'displayName',
  displayname: 'displayName',
  name: 'displayName',
  inviteduserdisplayname: 'displayName',
  group: 'group',
  groupname: 'group',
  groupid: 'group',
  role: 'role',
  rolename: 'role',
  azurerole: 'role',
};

type TextField = Exclude<Field, 'email' | 'sendEmail'>;

/**
 * The longest value each text column may hold, and its name in the message. 10,000 is the most Graph takes in
 * `invitedUserMessageInfo.customizedMessageBody`; 256 is the display-name length Graph documents for users and groups,
 * and more than any role name needs; 2,048 is the usual ceiling for a URL. Past these a cell is a mistake (a column
 * shifted, a file pasted into a cell), and the values are sent to Graph and kept in storage. A Record, so a new column
 * cannot go unchecked.
 */
const TEXT_LIMITS: Record<TextField, { max: number; name: string }> = {
  redirectUrl: { max: LIMITS.url, name: 'The redirect URL' },
  message: { max: LIMITS.message, name: 'The invitation message' },
  displayName: { max: LIMITS.displayName, name: 'The display name' },
  group: { max: LIMITS.displayName, name: 'The group' },
  role: { max: LIMITS.displayName, name: 'The role name' },
};

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The text inside the first non-empty [brackets], as /\[([^\]]+)\]/ finds it, but in one pass: that regex retries
 * from every '[' and so takes quadratic time on a cell of many '[' and no ']'.
 */
function bracketKey(header: string): string | undefined {
  for (let open = header.indexOf('['); open !== -1; open = header.indexOf('[', open + 1)) {
    const close = header.indexOf(']', open + 1);
    if (close === -1) return undefined;
    if (close > open + 1) return header.slice(open + 1, close);
  }
  return undefined;
}

function fieldOf(header: string): Field | undefined {
  const key = bracketKey(header) ?? header;
  return own(COLUMNS, key.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

function sendEmailOf(value: string): boolean | string {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0') return false;
  return `"Send invitation message" must be true or false, not "${value.trim()}".`;
}

/** Guests land on the redirect URL straight after signing in: a plain-http link there could be read or changed on the way. */
function redirectProblem(value: string): string | null {
  if (!/^https:\/\//i.test(value)) return `The redirect URL "${value}" must start with https://.`;
  if (!URL.canParse(value)) return `The redirect URL "${value}" is not a web address (https://...).`;
  return null;
}

/** Reads one data row into a BulkRow, or says what is wrong with it. */
function readRow(cells: Partial<Record<Field, string>>, line: number): BulkRow | BulkLineError {
  const email = (cells.email ?? '').trim();
  const bad = emailProblem(email);
  if (bad) {
    const why = bad.problem === 'empty' ? 'The e-mail address is missing.' : describeEmailProblem(bad);
    return email ? { line, message: `${email}: ${why}`, email } : { line, message: why };
  }
  const sendEmail = sendEmailOf(cells.sendEmail ?? '');
  if (typeof sendEmail === 'string') return { line, message: sendEmail, email };
  const row: BulkRow = { line, email, sendEmail };
  for (const field of Object.keys(TEXT_LIMITS) as TextField[]) {
    const value = cells[field]?.trim();
    if (!value) continue;
    const { max, name } = TEXT_LIMITS[field];
    if (value.length > max) return { line, message: `${name} is longer than ${count(max)} characters.`, email };
    row[field] = value;
  }
  const redirectBad = row.redirectUrl ? redirectProblem(row.redirectUrl) : null;
  if (redirectBad) return { line, message: redirectBad, email };
  return row;
}

/** Counts line breaks (CRLF, LF or CR) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * Parses Entra's bulk-invite template (first row `version:v1.0`, then its header row, maybe its example row, then
 * data) or a plain CSV with an e-mail column. Quoted commas and line breaks, BOM, CRLF and blank lines are fine.
 */
export function parseBulkInviteCsv(text: string): ParsedBulkCsv {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: BulkRow[] = [];
  const errors: BulkLineError[] = [];
  let columns: (Field | undefined)[] | null = null;
  let dataRows = 0;
  let tooManyAt: number | undefined;
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(source, {
    delimitersToGuess: [',', ';', '\t'],
    step: (result, parser) => {
      const cells = result.data;
      const rowLine = line;
      const end = result.meta.cursor;
      line += lineBreaks(source, start, end);
      // The row's own last line: the next row's first, unless the file ends without a line break.
      const lastLine = end > start && /[\r\n]/.test(source[end - 1] ?? '') ? line - 1 : line;
      start = end;
      if (cells.every((c) => c.trim() === '')) return;
      if (!columns) {
        if (/^version:/i.test(cells[0]?.trim() ?? '')) return;
        columns = cells.map(fieldOf);
        if (!columns.includes('email')) {
          errors.push({
            line: rowLine,
            message:
              'No e-mail column: the first row must name the columns, e.g. Entra\'s "Email address to invite [inviteeEmail]" or "email".',
          });
          parser.abort();
        }
        return;
      }
      // Two columns for one field (Name and Display name): the first that has a value.
      const byField: Partial<Record<Field, string>> = {};
      for (const [i, field] of columns.entries()) if (field && !byField[field]?.trim()) byField[field] = cells[i] ?? '';
      const quoteOpen = result.errors.some((e) => e.type === 'Quotes');
      // Entra's template carries an example row ("Example: ...") under the header.
      if (!quoteOpen && /^example:/i.test(byField.email?.trim() ?? '')) return;
      if (++dataRows > MAX_BULK_ROWS) {
        tooManyAt = rowLine;
        parser.abort();
        return;
      }
      // A quote left open swallows the lines after it into one cell: say so rather than invite a mangled row.
      if (quoteOpen) {
        errors.push({
          line: rowLine,
          message: `A quote in this row is not closed properly, so the row (and the lines read into it, up to line ${lastLine}) was not read.`,
        });
        return;
      }
      const read = readRow(byField, rowLine);
      if ('sendEmail' in read) rows.push(read);
      else errors.push(read);
    },
  });
  if (tooManyAt !== undefined) {
    const message = `The file has more than ${count(MAX_BULK_ROWS)} rows; split it into files of at most ${count(MAX_BULK_ROWS)}.`;
    return { rows: [], errors: [{ line: tooManyAt, message }], tooManyRows: MAX_BULK_ROWS };
  }
  if (!columns && errors.length === 0) errors.push({ line: 1, message: 'The file has no rows.' });
  return { rows, errors };
}
