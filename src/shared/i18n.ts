/**
 * Every string a person reads goes through here: chrome.i18n picks the browser's language from _locales (built from
 * src/locales/<language>/*.json). Substitutions are `$1`…`$9` in the message. A key missing from the build shows
 * itself rather than an empty string, so a gap is seen, and the locale test fails on it first.
 */
export function t(key: string, ...substitutions: (string | number)[]): string {
  const text = globalThis.chrome?.i18n?.getMessage(key, substitutions.map(String));
  return text || key;
}

/** The language of the extension's words (Intl's formats follow it, not the page's). */
export function uiLanguage(): string {
  // @@ui_locale is the language chrome.i18n chose its messages in; getUILanguage() can differ from it (Chromium on
  // Linux started with --lang keeps en-US there), and dates beside German words should be German too.
  const i18n = globalThis.chrome?.i18n;
  return i18n?.getMessage('@@ui_locale')?.replace('_', '-') || i18n?.getUILanguage?.() || 'en';
}
