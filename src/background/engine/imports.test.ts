import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';

// The engine knows step and operation kinds only through the registries the features fill in (issue 24): no module
// of it reaches a feature, nor the popup, of values or of types.
const ENGINE = import.meta.dirname;
const BACKGROUND = resolve(ENGINE, '..');
const FEATURES = [
  join(BACKGROUND, 'features'),
  join(BACKGROUND, 'jobs'),
  join(BACKGROUND, 'guests'),
  resolve(BACKGROUND, '../popup'),
];

function engineImports(): string[] {
  return readdirSync(ENGINE)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .flatMap((name) => {
      const file = join(ENGINE, name);
      const text = readFileSync(file, 'utf8');
      const { module } = parseSync(file, text);
      return [
        ...module.staticImports.map((entry) => entry.moduleRequest.value),
        ...module.staticExports.flatMap((entry) => entry.entries.map((part) => part.moduleRequest?.value ?? '')),
        ...module.dynamicImports.map((entry) => text.slice(entry.moduleRequest.start + 1, entry.moduleRequest.end - 1)),
      ]
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => `${name} -> ${relative(BACKGROUND, resolve(dirname(file), specifier))}`);
    });
}

describe('the engine', () => {
  it('imports no feature', () => {
    const imports = engineImports();
    expect(imports.length).toBeGreaterThan(0);
    const intoFeatures = imports.filter((line) => {
      const target = resolve(BACKGROUND, line.split(' -> ')[1] ?? '');
      return FEATURES.some((folder) => target.startsWith(`${folder}/`));
    });
    expect(intoFeatures).toEqual([]);
  });
});
