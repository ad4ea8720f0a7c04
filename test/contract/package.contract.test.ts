import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import linter from 'addons-linter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveName, buildAll, ROOT, STORES, type Store, version, writeArchives } from '../../scripts/package.ts';
import { permissionLines } from '../../scripts/permissions.ts';
import { unzip } from '../../scripts/zip.ts';
import { surface, surfaceSnapshot } from '../e2e/manifest-surface.ts';

/**
 * npm run package, as a store would take its archives: from the builds npm test made (dist/, dist-firefox/), and
 * once more from builds made afresh into a temporary folder, which must give the same bytes.
 */
const scratch = mkdtempSync(join(tmpdir(), 'invite-here-package-'));
const v = version();
let written: string[] = [];

const archive = (kind: Store | 'source', dir = join(scratch, 'first')) => readFileSync(join(dir, archiveName(kind, v)));
const manifestIn = (store: Store) =>
  JSON.parse(
    unzip(archive(store))
      .find((e) => e.name === 'manifest.json')
      ?.data.toString('utf8') ?? '{}',
  ) as Record<string, unknown>;

beforeAll(() => {
  written = writeArchives(join(scratch, 'first'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run package', () => {
  it('writes an archive per store and the source archive, named with the version', () => {
    expect(written.map((p) => p.slice(p.lastIndexOf('/') + 1))).toEqual([
      `invite-here-${v}-chrome.zip`,
      `invite-here-${v}-edge.zip`,
      `invite-here-${v}-firefox.zip`,
      `invite-here-${v}-source.zip`,
      `invite-here-${v}-permissions.txt`,
    ]);
  });

  it("puts package.json's version in every store's manifest", () => {
    for (const store of STORES) expect([store, manifestIn(store).version]).toEqual([store, v]);
  });

  it('leaves the key out of the Chrome Web Store and Edge archives, which refuse it, and keeps the Chromium build whole', () => {
    expect(manifestIn('edge')).not.toHaveProperty('key');
    expect(manifestIn('chrome')).not.toHaveProperty('key');
    const built = JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8'));
    const { key: _key, ...rest } = built;
    expect(manifestIn('chrome')).toEqual(rest);
  });

  it('gives the Chrome Web Store the permissions, hosts and policy of the checked-in manifest snapshot', () => {
    expect(surface(manifestIn('chrome'))).toEqual(surfaceSnapshot());
  });

  it('passes Mozilla’s linter with the Firefox archive: no error, no warning, no notice', async () => {
    const result = await linter
      .createInstance({
        config: {
          _: [join(scratch, 'first', archiveName('firefox', v))],
          logLevel: 'fatal',
          stack: false,
          pretty: false,
          warningsAsErrors: false,
          metadata: false,
          output: 'none',
          boring: true,
          selfHosted: false,
        },
        runAsBinary: false,
      })
      .run();
    const said = [...result.errors, ...result.warnings, ...result.notices];
    expect(said.map((m) => `${m.code} ${m.file ?? ''}: ${m.message}`)).toEqual([]);
  });

  it('has a sentence for each permission and host every archive asks for', () => {
    const lines = readFileSync(join(scratch, 'first', `invite-here-${v}-permissions.txt`), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toEqual(permissionLines(STORES.map(manifestIn)));
  });

  it('puts what AMO needs to rebuild the Firefox archive in the source archive', () => {
    const names = unzip(archive('source')).map((e) => e.name);
    for (const needed of ['package.json', 'package-lock.json', 'BUILDING.md', 'manifest.json', 'vite.firefox.config.ts']) {
      expect(names).toContain(needed);
    }
    expect(names.some((n) => n.startsWith('src/'))).toBe(true);
    expect(names.some((n) => n.startsWith('node_modules/') || n.startsWith('dist'))).toBe(false);
  });

  it('gives the same bytes when built and packaged again', () => {
    const dirs = { chrome: join(scratch, 'dist'), edge: join(scratch, 'dist'), firefox: join(scratch, 'dist-firefox') };
    buildAll(dirs, ROOT, 'pipe');
    writeArchives(join(scratch, 'second'), dirs);
    for (const kind of [...STORES, 'source'] as const) {
      expect([kind, archive(kind, join(scratch, 'second')).equals(archive(kind))]).toEqual([kind, true]);
    }
  }, 120_000);
});
