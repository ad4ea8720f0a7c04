import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { proxyAutoConfig, sandboxProxy } from './proxy.ts';

export const FIREFOX_BUILD = resolve(import.meta.dirname, '..', '..', 'dist-firefox');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on's moz-extension:// host, fixed through a preference so pages can be opened by URL. */
export const EXTENSION_UUID = '3c1d8f2a-6b4e-4c7d-9a15-7e2f0b8d4c61';

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id (browser_specific_settings.gecko.id). */
  addonId: string;
  /** moz-extension://<uuid>/ */
  origin: string;
  /** Opens an extension page (e.g. the popup's) in a tab of its own. */
  openExtensionPage(path: string, selector: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A profile that trusts the sandbox's certificate authority: Firefox keeps its own NSS store (cert9.db) per
 * profile and ignores the system's, so the CA is added there before Firefox starts.
 */
function profileTrusting(ca: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'invite-here-firefox-'));
  const caFile = join(profile, 'sandbox-ca.pem');
  writeFileSync(caFile, ca);
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-n', 'invite-here-sandbox', '-t', 'C,,', '-i', caFile, '-d', `sql:${profile}`]);
  return profile;
}

/**
 * Debian's firefox-esr, driven over WebDriver BiDi, with the Firefox build installed as a temporary add-on and
 * Microsoft's host names sent to the sandbox (a PAC file limited to them, through a local CONNECT proxy).
 */
export async function launchFirefox(sandbox: Pick<RunningSandbox, 'port' | 'ca'>): Promise<FirefoxWithExtension> {
  const addonId = (JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as ManifestIds)
    .browser_specific_settings.gecko.id;
  const proxy = await sandboxProxy(sandbox.port);
  const profile = profileTrusting(sandbox.ca);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    // Lets WebDriver BiDi install an add-on (webExtension.install) in this release.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }),
      'network.proxy.type': 2,
      'network.proxy.autoconfig_url': `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(proxyAutoConfig(proxy.port))}`,
    },
  });
  try {
    await browser.installExtension(FIREFOX_BUILD);
  } catch (e) {
    await browser.close();
    await proxy.close();
    throw e;
  }
  const origin = `moz-extension://${EXTENSION_UUID}/`;
  return {
    browser,
    addonId,
    origin,
    openExtensionPage: async (path, selector) => {
      const page = await browser.newPage();
      // Firefox sends no load event for extension pages; waiting for one would refuse the navigation.
      await page.goto(`${origin}${path}`, { waitUntil: [] });
      await page.waitForSelector(selector);
      return page;
    },
    close: async () => {
      await browser.close();
      await proxy.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface ManifestIds {
  browser_specific_settings: { gecko: { id: string } };
}
