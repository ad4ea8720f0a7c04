import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { permissionLines } from './permissions.ts';
import { type ZipEntry, zip } from './zip.ts';

/**
 * `npm run package`: the store-ready archives from one source, named with package.json's version (docs/deploying.md
 * says what each store does with them):
 * - Chrome Web Store and Edge Add-ons: the Chromium build (dist/) without manifest.json's `key`. The Chrome Web
 *   Store refuses an upload that carries one ("key field is not allowed in manifest") and signs the item with its own
 *   key; Edge Add-ons gives its item an id of its own too. The key only pins the id of an unpacked or self-hosted
 *   build (docs/deploying.md: putting the Chrome Web Store item's public key there makes the two ids one).
 * - addons.mozilla.org: the Firefox build (dist-firefox/, `npm run build:firefox`) as it is.
 * - The source AMO asks for with a bundled build: every file git tracks, the lock file and BUILDING.md among them.
 * Every archive is reproducible (scripts/zip.ts): two runs on the same tree give the same bytes.
 */

export const ROOT = resolve(import.meta.dirname, '..');
export const STORES = ['chrome', 'edge', 'firefox'] as const;
export type Store = (typeof STORES)[number];

/** What each store's archive is made from, under the project's root. */
export const BUILD_DIRS: Record<Store, string> = { chrome: 'dist', edge: 'dist', firefox: 'dist-firefox' };

export const version = (root = ROOT): string => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

export const archiveName = (kind: Store | 'source', v: string) => `invite-here-${v}-${kind}.zip`;

/** The manifest a store takes, from the built one: the Chromium stores' archives carry no `key`. */
export function storeManifest(store: Store, built: Record<string, unknown>): Record<string, unknown> {
  if (store === 'firefox') return built;
  const { key: _key, ...rest } = built;
  return rest;
}

/** Every file under `dir`, named by its path inside it with forward slashes. */
function filesUnder(dir: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (lstatSync(path).isDirectory()) walk(path);
      else entries.push({ name: relative(dir, path).split(sep).join('/'), data: readFileSync(path) });
    }
  };
  walk(dir);
  return entries;
}

/** A store's archive of the build in `buildDir`, refused when the build carries another version than package.json. */
export function storeArchive(store: Store, buildDir: string, root = ROOT): Buffer {
  const files = filesUnder(buildDir);
  const manifestFile = files.find((f) => f.name === 'manifest.json');
  if (!manifestFile) throw new Error(`No manifest.json in ${buildDir}: build it first`);
  const built = JSON.parse(manifestFile.data.toString('utf8')) as Record<string, unknown>;
  if (built.version !== version(root)) {
    throw new Error(`${buildDir} is version ${String(built.version)}, package.json says ${version(root)}: build again`);
  }
  manifestFile.data = Buffer.from(`${JSON.stringify(storeManifest(store, built), null, 2)}\n`);
  return zip(files);
}

/** The files git tracks, as they are in the working tree (a file deleted there is left out). */
export function sourceArchive(root = ROOT): Buffer {
  const names = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((name) => name && existsSync(join(root, name)) && lstatSync(join(root, name)).isFile());
  return zip(names.map((name) => ({ name, data: readFileSync(join(root, name)) })));
}

/**
 * Writes the three store archives, the source archive and the store listing's permission lines to `outDir`, from
 * the builds in `dirs` (default: dist/ and dist-firefox/ under the root). Returns the files written.
 */
export function writeArchives(outDir: string, dirs: Record<Store, string> = BUILD_DIRS, root = ROOT): string[] {
  const v = version(root);
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: Buffer | string) => {
    writeFileSync(join(outDir, name), data);
    written.push(join(outDir, name));
  };
  for (const store of STORES) write(archiveName(store, v), storeArchive(store, resolve(root, dirs[store]), root));
  write(archiveName('source', v), sourceArchive(root));
  const manifests = STORES.map((s) => JSON.parse(readFileSync(resolve(root, dirs[s], 'manifest.json'), 'utf8')));
  write(`invite-here-${v}-permissions.txt`, `${permissionLines(manifests).join('\n')}\n`);
  return written;
}

/**
 * Both builds, `npm run build` and `npm run build:firefox`, into `dirs`. A test runner's NODE_ENV is not passed on:
 * it would change what the bundle holds.
 */
export function buildAll(dirs: Record<Store, string> = BUILD_DIRS, root = ROOT, stdio: 'inherit' | 'pipe' = 'inherit'): void {
  const { NODE_ENV: _mode, ...env } = process.env;
  for (const [script, dir] of [
    ['build', dirs.chrome],
    ['build:firefox', dirs.firefox],
  ] as const) {
    execFileSync('npm', ['run', script, '--', '--outDir', resolve(root, dir), '--emptyOutDir'], { cwd: root, env, stdio });
  }
}

function main(): void {
  // The builds the archives are made of, afresh: a stale dist/ would ship yesterday's code under today's version.
  buildAll();
  const outDir = join(ROOT, 'artifacts');
  for (const path of writeArchives(outDir)) {
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    console.log(`${relative(ROOT, path)}  ${readFileSync(path).length} bytes  sha256 ${sha256}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) main();
