import Papa from 'papaparse';
import { t } from '../../common/i18n.ts';
import { MAX_BULK_ROWS } from '../inputs.ts';
import { type BulkLineError, type BulkRow, count, type Field, fieldOf, readRow } from './row.ts';

export type { BulkLineError, BulkRow };
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
            message: t('bulkNoEmailColumn'),
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
        errors.push({ line: rowLine, message: t('bulkQuoteOpen', lastLine), cells: byField });
        return;
      }
      const read = readRow(byField, rowLine);
      if ('sendEmail' in read) rows.push(read);
      else errors.push(read);
    },
  });
  if (tooManyAt !== undefined) {
    const message = t('bulkTooManyRows', count(MAX_BULK_ROWS));
    return { rows: [], errors: [{ line: tooManyAt, message }], tooManyRows: MAX_BULK_ROWS };
  }
  if (!columns && errors.length === 0) errors.push({ line: 1, message: t('bulkNoRows') });
  return { rows, errors };
}
