import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import chromium from './manifest.json' with { type: 'json' };
import { localesPlugin } from './scripts/locales.ts';
import { common } from './vite.config.ts';

/**
 * The add-on's id in Firefox: fixed, because its identity redirect URL derives from it
 * (`https://<sha1 hex of the id>.extensions.allizom.org/`) and app registrations name that URL. `.example` is a
 * reserved name, so the id can belong to no one else.
 */
export const GECKO_ID = 'invite-here@invite-here.example';

/**
 * manifest.json as Firefox takes it: an event page instead of the service worker (Firefox runs no extension service
 * workers; the page has a DOM, so MSAL runs in it and no offscreen document is needed), and without what only Chrome
 * reads (the key that fixes Chrome's id, Chrome's minimum version, the managed-storage schema, which Firefox takes
 * from enterprise policies instead).
 */
function firefoxManifest(): ManifestV3Export {
  const { key: _key, minimum_chrome_version: _minimum, background, permissions, ...rest } = chromium;
  const { storage: _managedSchema, ...kept } = rest as typeof rest & { storage?: unknown };
  return {
    ...kept,
    background: { scripts: [background.service_worker], type: 'module' },
    permissions: permissions.filter((p) => p !== 'offscreen'),
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // 140 (an ESR): the first with the data-consent key below; MV3 event pages as modules and
        // storage.session came earlier (112, 115).
        strict_min_version: '140.0',
        // What leaves the device: the invited people's names and addresses, and the sign-in, sent to the Microsoft
        // tenant the person signs in to (no other service).
        data_collection_permissions: { required: ['personallyIdentifyingInfo', 'authenticationInfo'] },
      },
      // Firefox for Android reads that key from 142.
      gecko_android: { strict_min_version: '142.0' },
    },
  } as ManifestV3Export;
}

export default defineConfig({
  ...common,
  plugins: [crx({ manifest: firefoxManifest(), browser: 'firefox' }), localesPlugin()],
  define: { 'import.meta.env.FIREFOX': 'true' },
  build: { ...common.build, outDir: 'dist-firefox' },
});
