import Papa from 'papaparse';
import { t } from '../../../common/i18n.ts';
import { describeRow, type JobRow } from '../../../logic/bulk/job.ts';

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
 * A piece of a cell that a spreadsheet may read as a cell of its own, and that then starts a formula: at the cell's
 * start or after ';', a tab or a line break, past any spaces and quotes, one of = + - @. A comma-separated file opened
 * where the list separator is ';' is split at ';' (and an import may split at tabs), and there a line break inside a
 * quoted cell can end the row, since the quotes of this file are not read as quotes. Spaces and quotes are skipped
 * because a spreadsheet drops them in front of a value. No part may hold a separator, so matching stays linear.
 */
const FORMULA_PIECE = /(^|[;\t\r\n])(?:[^\S\t\r\n]|")*(?=[=+\-@])/g;

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula (OWASP, "CSV Injection"); an apostrophe in front
 * keeps it text. The file names people's input, so every cell is treated, and every piece of it as above: the
 * apostrophe goes just before the formula character, so an address or a link with ';' in its query stays as it was,
 * and a value that needs it reads as before with one apostrophe more. A leading tab or carriage return gets one too.
 */
export function neutralizeCell(value: string): string {
  const safe = value.replace(FORMULA_PIECE, "$&'");
  return /^[\t\r]/.test(safe) ? `'${safe}` : safe;
}

/** The outcome column: words for the person reading the file (the header above stays Entra's, a file format). */
function outcomeWords(outcome: JobRow['outcome']): string {
  switch (outcome) {
    case 'pending':
      return t('bulkRowNotSent');
    case 'invited':
      return t('bulkRowInvited');
    case 'reused':
      return t('bulkRowAlreadyGuest');
    case 'failed':
      return t('bulkRowFailed');
    case 'skipped':
      return t('bulkShowSkipped');
  }
}

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
      outcomeWords(r.outcome),
      describeRow(r),
      r.userId ?? '',
      r.redeemUrl ?? '',
      r.outcome === 'failed' ? (r.error ?? r.reason ?? '') : '',
    ].map(neutralizeCell),
  );
  // The byte-order mark makes Excel read the file as UTF-8 (names with accents); Entra's own files carry none.
  return `\uFEFFversion:v1.0\r\n${Papa.unparse({ fields: HEADER, data }, { newline: '\r\n', quotes: false })}\r\n`;
}
