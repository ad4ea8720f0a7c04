import { describe, expect, it } from 'vitest';
import { describeEmailProblem, emailProblem } from './email.ts';

describe('emailProblem', () => {
  it('accepts an ordinary address, with surrounding spaces', () => {
    expect(emailProblem(' ana@partner.example ')).toBeNull();
  });

  it('accepts dots, hyphens and underscores Graph allows', () => {
    expect(emailProblem('ana.maria_lopez-diaz@mail.partner.example')).toBeNull();
  });

  it.each([
    '~',
    '!',
    '#',
    '$',
    '%',
    '^',
    '&',
    '*',
    '(',
    ')',
    '+',
    '=',
    '[',
    ']',
    '{',
    '}',
    '\\',
    '/',
    '|',
    ';',
    ':',
    '"',
    '<',
    '>',
    '?',
    ',',
  ])('names the forbidden character %s', (c) => {
    const p = emailProblem(`ana${c}x@partner.example`);
    expect(p).toEqual({ problem: 'forbidden_character', character: c });
    expect(describeEmailProblem(p as NonNullable<typeof p>)).toContain(`"${c}"`);
  });

  it.each(['ana', 'ana@', '@partner.example', 'ana@partner', 'ana@@partner.example', 'ana @partner.example'])(
    'calls %s malformed',
    (value) => {
      expect(emailProblem(value)?.problem).toBe('malformed');
    },
  );

  it('asks for an address when there is none', () => {
    expect(emailProblem('   ')).toEqual({ problem: 'empty' });
  });
});
