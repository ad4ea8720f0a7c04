import { afterEach, describe, expect, it, vi } from 'vitest';
import { plural } from './i18n.ts';

const forms = { one: () => 'one', other: () => 'other' };
/** The extension's words as a German or French browser gets them: only the locale tag matters here. */
const speak = (tag: string) =>
  vi.stubGlobal('chrome', { i18n: { getMessage: (key: string) => (key === 'localeTag' ? tag : key) } });
afterEach(() => vi.unstubAllGlobals());

describe('plural forms', () => {
  it('says one of a thing in the singular and two in the plural', () => {
    expect([1, 2, 0].map((n) => plural(n, forms))).toEqual(['one', 'other', 'other']);
  });

  it("follows the language's rules: French says none and one alike, German does not", () => {
    speak('fr');
    expect([0, 1, 2].map((n) => plural(n, forms))).toEqual(['one', 'one', 'other']);
    speak('de');
    expect([0, 1, 2].map((n) => plural(n, forms))).toEqual(['other', 'one', 'other']);
  });

  it('says none in its own words when the sentence has them', () => {
    speak('fr');
    expect(plural(0, { ...forms, zero: () => 'zero' })).toBe('zero');
  });
});
