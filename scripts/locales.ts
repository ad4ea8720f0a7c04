import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Chrome's messages.json entry. */
export interface LocaleMessage {
  message: string;
  description?: string;
}
export type LocaleMessages = Record<string, LocaleMessage>;

export const LOCALES_DIR = resolve(import.meta.dirname, '..', 'src', 'locales');
export const LANGUAGES = ['en', 'de', 'fr'] as const;

/**
 * The strings of one language, from every part file under src/locales/<language>/ (one part per area of the
 * extension, so each area's strings sit beside each other); a key in two parts is an error, not a silent override.
 */
export function readLocale(language: string): LocaleMessages {
  const dir = join(LOCALES_DIR, language);
  const merged: LocaleMessages = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const part = JSON.parse(readFileSync(join(dir, file), 'utf8')) as LocaleMessages;
    for (const [key, entry] of Object.entries(part)) {
      if (key in merged) throw new Error(`${language}/${file}: the key ${key} is already defined in another part`);
      merged[key] = entry;
    }
  }
  return merged;
}

/** Writes _locales/<language>/messages.json into the build, as chrome.i18n reads it. */
export function localesPlugin(): Plugin {
  return {
    name: 'invite-here-locales',
    generateBundle() {
      for (const language of LANGUAGES) {
        for (const file of readdirSync(join(LOCALES_DIR, language))) this.addWatchFile(join(LOCALES_DIR, language, file));
        this.emitFile({
          type: 'asset',
          fileName: `_locales/${language}/messages.json`,
          source: JSON.stringify(readLocale(language)),
        });
      }
    },
  };
}
