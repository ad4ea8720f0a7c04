import { createHash } from 'node:crypto';
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import source from '../manifest.json' with { type: 'json' };
import pkg from '../package.json' with { type: 'json' };

/** The one version, package.json's: every build, archive and store listing carries it. */
export const VERSION = pkg.version;

/** manifest.json as the Chromium build (Chrome's and Edge's) takes it, with the version. */
export const chromiumManifest = { ...source, version: VERSION };

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
export function firefoxManifest(): ManifestV3Export {
  const { key: _key, minimum_chrome_version: _minimum, background, permissions, ...rest } = chromiumManifest;
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

/** The extension id Chromium derives from a manifest `key`: the SHA-256 of the key's bytes, its first 32 hex digits as a–p. */
export function extensionIdFromKey(key: string): string {
  const hash = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hash].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

/** The id unpacked Chrome and Edge builds have, fixed by manifest.json's `key`. */
export const CHROMIUM_ID = extensionIdFromKey(source.key);

/** A Chromium browser's identity redirect URL for an extension id (what `identity.getRedirectURL()` answers). */
export const chromiumRedirectUri = (id: string) => `https://${id}.chromiumapp.org/`;

/** Firefox's identity redirect URL for an add-on id: the SHA-1 of the id, in hex, under extensions.allizom.org. */
export const firefoxRedirectUri = (id: string) =>
  `https://${createHash('sha1').update(id).digest('hex')}.extensions.allizom.org/`;
