import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The registries are read as the worker reads them, with the browser faked (they install into the engine on import).
vi.mock('./common/browser.ts', () => import('../test/support/fake-extension.ts'));
const { KINDS, STEPS } = await import('./background/features/registry.ts');

/**
 * docs/architecture.md held against the code (issue 24), as refined-github's features test holds its readme: the
 * page (its folders and its checklist "Adding a capability" included) names only paths that exist, every kind in the
 * registries lives where the checklist says kinds live, and every feature folder is named on the page.
 */
const ROOT = resolve(import.meta.dirname, '..');
const FEATURES = join(ROOT, 'src/background/features');
const DOC = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
const REGISTRY = readFileSync(join(FEATURES, 'registry.ts'), 'utf8');

function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/architecture.md has no section "${title}"`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

const LAYOUT = section('Folders');
const CHECKLIST = section('Adding a capability');

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();
const subfolders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}
const SOURCES = filesUnder(join(ROOT, 'src'));

/** Where a path the page names may be read from: the repository, or a folder the page speaks from. */
const BASES = ['', 'src', 'src/background', 'src/background/features'].map((b) => join(ROOT, b));

/** Whether a named path exists; a template (`<feature>`, `{en,de,fr}`) by the folder before its first placeholder. */
function exists(path: string): boolean {
  const placeholder = path.search(/[<{]/);
  if (placeholder >= 0) {
    const literal = path.slice(0, path.lastIndexOf('/', placeholder) + 1);
    return BASES.some((b) => isDir(join(b, literal)));
  }
  // A file named alone (beside a folder the sentence names) is looked for by its name in src/.
  if (!path.includes('/')) return SOURCES.some((f) => f.endsWith(`/${path}`));
  return BASES.some((b) => existsSync(join(b, path)));
}

/** Paths in backticks: a folder or file name, without spaces (code such as `t('key')` is not a path). */
function namedPaths(text: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1] as string)
    .filter((p) => /\/|\.(tsx?|json|md)$/.test(p) && !p.startsWith('http'));
}

/** The layout block: each line a path (or several), then the folders and files it names inside it. */
const LAYOUT_LINES = (LAYOUT.split('```')[1] ?? '')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => {
    const [paths = '', ...rest] = line.split(/\s{2,}/);
    const inside = [...rest.join(' ').matchAll(/(?:^|[\s(,])([\w.-]+\/|[\w.-]+\.tsx?)(?=[\s,:;)]|$)/g)].map(
      (m) => m[1] as string,
    );
    return { paths: paths.split(/,\s*/).filter(Boolean), inside };
  });

/** What registry.ts imports each definition from, by the name it is imported as. */
const IMPORTED_FROM = new Map(
  [...REGISTRY.matchAll(/import \{([^}]+)\} from '\.\/([^']+)'/g)].flatMap((m) =>
    (m[1] as string).split(',').map((name) => [name.trim(), join(FEATURES, m[2] as string)] as const),
  ),
);

/** The file that defines a registry entry, read from the registry's own source. */
function definedIn(registry: 'STEPS' | 'KINDS', kind: string): string | undefined {
  const block = REGISTRY.match(new RegExp(`export const ${registry} = \\{([^}]*)\\}`))?.[1] ?? '';
  const name = block.match(new RegExp(`\\b${kind}: (\\w+)`))?.[1];
  return name ? IMPORTED_FROM.get(name) : undefined;
}

const kebab = (kind: string) => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('docs/architecture.md', () => {
  it('names only paths that exist, in the folders, the checklist and every other section', () => {
    const named = namedPaths(DOC);
    for (const { paths, inside } of LAYOUT_LINES) {
      named.push(...paths);
      // Names inside a line's folder are read from it when the line names one folder.
      if (paths.length === 1) named.push(...inside.map((name) => `${paths[0]}${name}`));
    }
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((path) => !exists(path))).toEqual([]);
  });

  it('names every feature folder, and every sub-folder of a folder whose sub-folders it lists', () => {
    const features = LAYOUT_LINES.find((l) => l.paths.includes('src/background/features/'));
    expect(features, 'the folders name src/background/features/').toBeDefined();
    for (const { paths, inside } of LAYOUT_LINES) {
      const folders = inside.filter((name) => name.endsWith('/'));
      const [path] = paths;
      if (paths.length !== 1 || !path || (!folders.length && path !== 'src/background/features/')) continue;
      const missing = subfolders(join(ROOT, path)).filter((e) => !folders.includes(`${e.name}/`));
      expect(missing.map((e) => `${path}${e.name}/`)).toEqual([]);
    }
  });

  it('says where a step kind lives, and every step kind of STEPS lives there', () => {
    expect(CHECKLIST).toContain('`src/background/features/<feature>/steps/<kind>.ts`');
    // The kinds that share another kind's file, as the checklist names them: `deactivate` in `activate.ts`.
    const shared = new Map([...CHECKLIST.matchAll(/`(\w+)` in\s+`([\w-]+\.ts)`/g)].map((m) => [m[1] as string, m[2] as string]));
    const misplaced = Object.keys(STEPS).flatMap((kind) => {
      const file = definedIn('STEPS', kind);
      const expected = `${shared.get(kind) ?? `${kebab(kind)}.ts`}`;
      const where = file && /\/features\/[\w-]+\/steps\/([\w-]+\.ts)$/.exec(file);
      const defines = file && existsSync(file) && readFileSync(file, 'utf8').includes(`('${kind}',`);
      return where && where[1] === expected && defines ? [] : [`${kind}: ${file ?? 'not imported by registry.ts'}`];
    });
    expect(misplaced).toEqual([]);
  });

  it('says where each operation kind of KINDS is declared, as the registry imports it', () => {
    const said = new Map(
      [...CHECKLIST.matchAll(/`(\w+)` in\s+`([\w-]+\/[\w/-]+\.ts)`/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    const wrong = Object.keys(KINDS).flatMap((kind) => {
      const file = definedIn('KINDS', kind);
      const path = said.get(kind);
      return file && path && join(FEATURES, path) === file && existsSync(file) ? [] : [`${kind}: ${path ?? 'not named'}`];
    });
    expect(wrong).toEqual([]);
    // Every kind named on the page is one the registry holds.
    expect([...said.keys()].filter((kind) => !(kind in KINDS))).toEqual([]);
  });
});
