import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../logic/bulk/job.ts';
import { neutralizeCell, resultsCsv } from './results.ts';

/** What a spreadsheet would run: a piece, split where one splits cells or rows, that starts with = + - @. */
const runsFormula = (text: string) => text.split(/[;\t\r\n]/).some((piece) => /^[\s"]*[=+\-@]/.test(piece));

const row = (over: Partial<JobRow>): JobRow => ({
  line: 2,
  email: 'megan@contoso.example',
  redirectUrl: 'https://x.example/?a=1;b=2',
  sendEmail: true,
  verdict: 'invite',
  outcome: 'invited',
  steps: [],
  ...over,
});

describe('neutralizeCell', () => {
  it.each([
    ['=cmd', "'=cmd"],
    ['-1', "'-1"],
    ['a;=cmd', "a;'=cmd"],
    ['a\t=cmd', "a\t'=cmd"],
    ['x; @SUM(1)', "x; '@SUM(1)"],
    ['a\r\n+cmd', "a\r\n'+cmd"],
    ['a;"=cmd', `a;"'=cmd`],
    ['\t=cmd', "'\t'=cmd"],
  ])('keeps %j text as %j', (value, safe) => {
    expect(runsFormula(value)).toBe(true);
    expect(neutralizeCell(value)).toBe(safe);
    expect(runsFormula(neutralizeCell(value))).toBe(false);
  });

  it('leaves an ordinary address, and a link with ";" in its query, as they are', () => {
    expect(neutralizeCell('megan@contoso.example')).toBe('megan@contoso.example');
    expect(neutralizeCell('https://x.example/?a=1;b=2')).toBe('https://x.example/?a=1;b=2');
    expect(runsFormula('https://x.example/?a=1;b=2')).toBe(false);
  });

  it('keeps a leading tab or carriage return text, as before', () => {
    expect(neutralizeCell('\tx')).toBe("'\tx");
    expect(neutralizeCell('\rx')).toBe("'\rx");
  });
});

describe('resultsCsv', () => {
  it('writes no cell, nor any piece split at ";", tab or line break, that a spreadsheet would run', () => {
    const rows = [
      row({}),
      row({
        line: 3,
        email: '=HYPERLINK("https://evil.example")',
        redirectUrl: 'https://x.example/;=cmd|" /C calc"!A0',
        message: 'Hello;-)\n- report A\r\n+ report B',
        displayName: '@SUM(1+1)',
        group: 'Sales\t=1+2',
        role: 'Reader; "=2+3"',
        verdict: 'invalid',
        outcome: 'failed',
        error: '+1; @x',
      }),
    ];
    const text = resultsCsv(rows);
    expect(runsFormula(text)).toBe(false);
    const [, ...table] = text.split('\r\n');
    const cells = Papa.parse<string[]>(table.join('\r\n'), { skipEmptyLines: true }).data;
    expect(cells).toHaveLength(3);
    for (const cell of cells.flat()) expect(runsFormula(cell)).toBe(false);
    // What was safe reads back as it was, and the rest with only an apostrophe added.
    expect(cells[1]?.slice(0, 2)).toEqual(['megan@contoso.example', 'https://x.example/?a=1;b=2']);
    expect(cells[2]?.slice(0, 7)).toEqual([
      `'=HYPERLINK("https://evil.example")`,
      `https://x.example/;'=cmd|" /C calc"!A0`,
      'true',
      "Hello;'-)\n'- report A\r\n'+ report B",
      "'@SUM(1+1)",
      "Sales\t'=1+2",
      `Reader; "'=2+3"`,
    ]);
  });
});
