import { readLocale } from '../../scripts/locales.ts';

/**
 * chrome.i18n for unit tests, from the English strings the build ships: code under test reads the words a person
 * would read in an English browser. Substitutions follow Chrome's rules for `$1`…`$9` and `$$`.
 */
const english = readLocale('en');

export function englishMessage(key: string, substitutions: string[] = []): string {
  const entry = english[key];
  if (!entry) return '';
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (substitutions[Number(d) - 1] ?? '')));
}

const g = globalThis as { chrome?: Record<string, unknown> };
g.chrome = {
  ...g.chrome,
  i18n: {
    getMessage: (key: string, substitutions?: string | string[]) =>
      englishMessage(key, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? [])),
    getUILanguage: () => 'en',
  },
};
