/**
 * Every string a person reads goes through here: chrome.i18n picks the browser's language from _locales (built from
 * src/locales/<language>/*.json). Substitutions are `$1`…`$9` in the message. A key missing from the build shows
 * itself rather than an empty string, so a gap is seen, and the locale test fails on it first.
 */
export function t(key: string, ...substitutions: (string | number)[]): string {
  const text = globalThis.chrome?.i18n?.getMessage(key, substitutions.map(String));
  return text || key;
}

/**
 * The language of the extension's words, for Intl's dates and numbers beside them. Each translation names its own
 * tag: Chromium on Linux started with --lang shows German messages while @@ui_locale, getUILanguage() and
 * navigator.language all still say en-US.
 */
export function uiLanguage(): string {
  const tag = t('localeTag');
  return tag === 'localeTag' ? 'en' : tag;
}

/** A sentence's forms for a count, each its own key asked for by name: `zero` (when given) for none. */
export interface PluralForms {
  zero?: () => string;
  one: () => string;
  other: () => string;
}

/**
 * The form the extension's language uses for `count` ("1 guest", "2 guests"), chosen by Intl.PluralRules: French
 * says 0 and 1 alike ("0 invité"), German and English do not. Categories other than `one` (French `many`) take
 * `other`; `zero`, when given, is said for none in every language ("no guest").
 */
export function plural(count: number, forms: PluralForms): string {
  if (count === 0 && forms.zero) return forms.zero();
  return new Intl.PluralRules(uiLanguage()).select(count) === 'one' ? forms.one() : forms.other();
}
