import Papa from 'papaparse';
import { describeRow, type JobRow } from './job.ts';

/** Entra's bulk-invite columns, then what happened to the row, as Entra's bulk results list it. */
const HEADER = [
  'Email address to invite [inviteeEmail] Required',
  'Redirection url [inviteRedirectURL] Required',
  'Send invitation message (true or false) [sendEmail]',
  'Customized invitation message [customizedMessageBody]',
  'Display name [inviteeDisplayName]',
  'Group [group]',
  'Azure role [role]',
  'Line [line]',
  'Outcome [outcome]',
  'Details [details]',
  'User id [userId]',
  'Redeem link [inviteRedeemUrl]',
  'Error [error]',
];

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula; a leading
 * apostrophe keeps it text. The file names people's input, so every cell is treated.
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const OUTCOME_WORDS: Record<JobRow['outcome'], string> = {
  pending: 'Not sent',
  invited: 'Invited',
  reused: 'Already a guest',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** The results file: a version row and a header like Entra's template, then one row per input row. */
export function resultsCsv(rows: JobRow[]): string {
  const data = rows.map((r) =>
    [
      r.email,
      r.redirectUrl,
      r.verdict === 'invalid' ? '' : String(r.sendEmail),
      r.message ?? '',
      r.displayName ?? '',
      r.group ?? '',
      r.role ?? '',
      String(r.line),
      OUTCOME_WORDS[r.outcome],
      describeRow(r),
      r.userId ?? '',
      r.redeemUrl ?? '',
      r.outcome === 'failed' ? (r.error ?? r.reason ?? '') : '',
    ].map(neutralizeCell),
  );
  // The byte-order mark makes Excel read the file as UTF-8 (names with accents); Entra's own files carry none.
  return `\uFEFFversion:v1.0\r\n${Papa.unparse({ fields: HEADER, data }, { newline: '\r\n', quotes: false })}\r\n`;
}
