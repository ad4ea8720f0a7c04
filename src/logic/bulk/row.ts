import { t } from '../../common/i18n.ts';
import { describeEmailProblem, emailProblem } from '../email.ts';
import { formatNumber } from '../format.ts';
import { LIMITS } from '../inputs.ts';
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
  /** A security role of the Power Platform environment the popup is opened on, by name ("yes": Basic User). */
  environmentRole?: string;
  /** A Power Apps / Dynamics 365 licence for that environment, by name or part number, and the usage location it needs. */
  license?: string;
  usageLocation?: string;
}

export interface BulkLineError {
  line: number;
  message: string;
  /** The address the row gave, when it gave one, so the results can name it. */
  email?: string;
  /** Every cell the row gave, as given, so the results file gives the row back whole to be fixed. */
  cells?: Partial<Record<Field, string>>;
}

export type Field =
  | 'email'
  | 'redirectUrl'
  | 'sendEmail'
  | 'message'
  | 'displayName'
  | 'group'
  | 'role'
  | 'environmentRole'
  | 'license'
  | 'usageLocation';

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
  environment: 'environmentRole',
  environmentrole: 'environmentRole',
  securityrole: 'environmentRole',
  dataverserole: 'environmentRole',
  licence: 'license',
  license: 'license',
  usagelocation: 'usageLocation',
};

type TextField = Exclude<Field, 'email' | 'sendEmail'>;

/**
 * The longest value each text column may hold, and its name in the message. 10,000 is the most Graph takes in
 * `invitedUserMessageInfo.customizedMessageBody`; 256 is the display-name length Graph documents for users and groups,
 * and more than any role name needs; 2,048 is the usual ceiling for a URL. Past these a cell is a mistake (a column
 * shifted, a file pasted into a cell), and the values are sent to Graph and kept in storage. A Record, so a new column
 * cannot go unchecked.
 */
const TEXT_LIMITS: Record<TextField, { max: number; tooLong: (max: string) => string }> = {
  redirectUrl: { max: LIMITS.url, tooLong: (max) => t('bulkTooLongRedirectUrl', max) },
  message: { max: LIMITS.message, tooLong: (max) => t('bulkTooLongMessage', max) },
  displayName: { max: LIMITS.displayName, tooLong: (max) => t('bulkTooLongDisplayName', max) },
  group: { max: LIMITS.displayName, tooLong: (max) => t('bulkTooLongGroup', max) },
  role: { max: LIMITS.displayName, tooLong: (max) => t('bulkTooLongRole', max) },
  environmentRole: { max: LIMITS.displayName, tooLong: (max) => t('bulkTooLongEnvironmentRole', max) },
  license: { max: LIMITS.displayName, tooLong: (max) => t('bulkTooLongLicense', max) },
  usageLocation: { max: 2, tooLong: (max) => t('bulkTooLongUsageLocation', max) },
};

export const count = (n: number) => formatNumber(n);

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

export function fieldOf(header: string): Field | undefined {
  const key = bracketKey(header) ?? header;
  return own(COLUMNS, key.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

function sendEmailOf(value: string): boolean | string {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0') return false;
  return t('bulkSendEmailValue', value.trim());
}

/** Guests land on the redirect URL straight after signing in: a plain-http link there could be read or changed on the way. */
function redirectProblem(value: string): string | null {
  if (!/^https:\/\//i.test(value)) return t('bulkRedirectNotHttps', value);
  if (!URL.canParse(value)) return t('bulkRedirectNotUrl', value);
  return null;
}

/** A file gives most rows the same redirect URL: the last one's verdict is kept rather than parsed 50,000 times. */
let lastRedirect: { value: string; problem: string | null } | null = null;
function redirectProblemOnce(value: string): string | null {
  if (lastRedirect?.value !== value) lastRedirect = { value, problem: redirectProblem(value) };
  return lastRedirect.problem;
}

/** Reads one data row into a BulkRow, or says what is wrong with it. */
export function readRow(cells: Partial<Record<Field, string>>, line: number): BulkRow | BulkLineError {
  const email = (cells.email ?? '').trim();
  const bad = emailProblem(email);
  if (bad) {
    const why = bad.problem === 'empty' ? t('bulkEmailMissing') : describeEmailProblem(bad);
    return email ? { line, message: `${email}: ${why}`, email, cells } : { line, message: why, cells };
  }
  const sendEmail = sendEmailOf(cells.sendEmail ?? '');
  if (typeof sendEmail === 'string') return { line, message: sendEmail, email, cells };
  const row: BulkRow = { line, email, sendEmail };
  for (const field of Object.keys(TEXT_LIMITS) as TextField[]) {
    const value = cells[field]?.trim();
    if (!value) continue;
    const { max, tooLong } = TEXT_LIMITS[field];
    if (value.length > max) return { line, message: tooLong(count(max)), email, cells };
    row[field] = value;
  }
  const redirectBad = row.redirectUrl ? redirectProblemOnce(row.redirectUrl) : null;
  if (redirectBad) return { line, message: redirectBad, email, cells };
  return row;
}
