import { describe, expect, it } from 'vitest';
import { countries } from './countries.ts';

describe('countries', () => {
  it('names every usage location in the language asked for, sorted as that language sorts', () => {
    const german = countries('de');
    expect(german.find((c) => c.code === 'NL')?.name).toBe('Niederlande');
    expect(german.find((c) => c.code === 'DE')?.name).toBe('Deutschland');
    const names = german.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('de').compare));
  });

  it('offers each ISO 3166 code once, as Graph stores a usage location', () => {
    const codes = countries('en').map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
    expect(codes).toEqual(expect.arrayContaining(['US', 'GB', 'NL', 'FR']));
  });
});
