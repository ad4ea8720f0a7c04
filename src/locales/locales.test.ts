import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineStrings } from '../../scripts/inline-strings.ts';
import { LANGUAGES, readLocale } from '../../scripts/locales.ts';

const SRC = resolve(import.meta.dirname, '..');
const english = readLocale('en');

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const placeholders = (message: string) => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();
const sources = filesUnder(SRC, (n) => /\.tsx?$/.test(n));
const used = new Set(
  sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1] as string)),
);

// Views whose words are still inline, being moved over (issue 13); each leaves this list when it is moved.
const NOT_YET_MOVED: string[] = [];

describe('locales', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every English key, with the same substitutions, and no other',
    (language) => {
      const other = readLocale(language);
      expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
      for (const [key, entry] of Object.entries(english)) {
        expect(other[key]?.message.trim(), `${language}: ${key} is empty`).toBeTruthy();
        expect(placeholders(other[key]?.message ?? ''), `${language}: ${key}`).toEqual(placeholders(entry.message));
      }
    },
  );

  it('English spells "license" in every message, never "licence"', () => {
    const found = Object.entries(english).filter(([, e]) => /licence/i.test(e.message));
    expect(found.map(([key]) => key)).toEqual([]);
  });

  it('keys are names Chrome takes, distinct without regard to case', () => {
    const keys = Object.keys(english);
    for (const key of keys) expect(key).toMatch(/^[a-z][A-Za-z0-9_]*$/);
    expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
  });

  it('every key the code asks for exists, and every key is asked for', () => {
    expect([...used].filter((k) => !(k in english))).toEqual([]);
    const manifestKeys = [...readFileSync(join(SRC, '..', 'manifest.json'), 'utf8').matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]);
    expect(Object.keys(english).filter((k) => !used.has(k) && !manifestKeys.includes(k))).toEqual([]);
  });

  it('keys are asked for by name, so the check above sees them all', () => {
    const dynamic = sources.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/(?<!function )\bt\(\s*(?!')[^)\s]/g)].map(() => f.slice(SRC.length + 1)),
    );
    expect(dynamic).toEqual([]);
  });

  it('no words are left inline in a view', () => {
    const views = [join(SRC, 'popup'), join(SRC, 'options')].flatMap((d) => filesUnder(d, (n) => n.endsWith('.tsx')));
    views.push(...filesUnder(join(SRC, 'common'), (n) => n.endsWith('.tsx')));
    const found = views
      .filter((f) => !NOT_YET_MOVED.includes(f.slice(SRC.length + 1)))
      .flatMap(inlineStrings)
      .map((s) => `${s.file.slice(SRC.length + 1)}:${s.line} ${s.text}`);
    expect(found).toEqual([]);
  });
});
