import Papa from 'papaparse';
import { type JobRow, reasonOf, rowState, stateWords } from '../../../logic/bulk/job.ts';
import { ENTRA_TEMPLATE_COLUMNS } from '../../../logic/bulk/template.ts';

type OptionalField = 'displayName' | 'group' | 'role' | 'environmentRole' | 'license' | 'usageLocation';

/** The optional columns this extension reads besides Entra's, each under a header the parser reads back. */
const OPTIONAL_COLUMNS: [OptionalField, string][] = [
  ['displayName', 'Display name [inviteeDisplayName]'],
  ['group', 'Group [group]'],
  ['role', 'Azure role [role]'],
  ['environmentRole', 'Environment role [environmentRole]'],
  ['license', 'License [license]'],
  ['usageLocation', 'Usage location [usageLocation]'],
];

/** Entra's columns in Entra's order, the optional ones, then what happened to the row, as Entra's bulk results do. */
const HEADER = [
  ...ENTRA_TEMPLATE_COLUMNS,
  ...OPTIONAL_COLUMNS.map(([, header]) => header),
  'Line [line]',
  'Outcome [outcome]',
  'Reason [reason]',
  'User id [userId]',
  'Redeem link [inviteRedeemUrl]',
];

const INPUT_FIELDS = ['email', 'redirectUrl', 'sendEmail', 'message', ...OPTIONAL_COLUMNS.map(([f]) => f)] as const;

/**
 * The row's input under the header's columns: an invalid row's cells as the file gave them, so it can be fixed and
 * read again; a row read whole, as read (its redirect the one used, its send flag true or false).
 */
const inputOf = (r: JobRow): string[] =>
  INPUT_FIELDS.map((f) => (r.input ? (r.input[f] ?? '') : f === 'sendEmail' ? String(r.sendEmail) : (r[f] ?? '')));

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

/** The results file: Entra's version row and header, then one row per input row, with its outcome and reason. */
export function resultsCsv(rows: JobRow[]): string {
  const data = rows.map((r) =>
    [...inputOf(r), String(r.line), stateWords(rowState(r)), reasonOf(r), r.userId ?? '', r.redeemUrl ?? ''].map(neutralizeCell),
  );
  // The byte-order mark makes Excel read the file as UTF-8 (names with accents); Entra's own files carry none.
  return `\uFEFFversion:v1.0\r\n${Papa.unparse({ fields: HEADER, data }, { newline: '\r\n', quotes: false })}\r\n`;
}
