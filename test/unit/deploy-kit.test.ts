import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ID, chromiumRedirectUri, firefoxRedirectUri, GECKO_ID } from '../../scripts/manifests.ts';
import { isClientId, isCloud, isTenant } from '../../src/common/config.ts';

/** The fleet kit (deploy/): each file an administrator copies, held against the managed-storage schema. */
const ROOT = resolve(import.meta.dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const schema = JSON.parse(readFileSync(join(ROOT, 'public', 'managed-schema.json'), 'utf8')) as {
  properties: Record<string, { type: string }>;
};
const read = (path: string) => readFileSync(join(DEPLOY, path), 'utf8');
const json = (path: string) => JSON.parse(read(path));

/** The Edge Add-ons id is the store's, known after the first upload (docs/deploying.md): the kit names the gap. */
const EDGE_ID = '<edge-add-ons-id>';
const CHROME_WEB_STORE = 'https://clients2.google.com/service/update2/crx';
const EDGE_ADD_ONS = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';

/** A .reg file's keys and their string values. */
function registry(text: string): Map<string, Record<string, string>> {
  const keys = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of text.split('\r\n')) {
    const key = /^\[(.+)\]$/.exec(line);
    const value = /^"([^"]+)"="([^"]*)"$/.exec(line);
    if (key?.[1]) {
      current = {};
      keys.set(key[1], current);
    } else if (value?.[1] && current) current[value[1]] = value[2] ?? '';
    else if (line && !line.startsWith(';') && line !== 'Windows Registry Editor Version 5.00')
      throw new Error(`Unread line: ${line}`);
  }
  return keys;
}

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

/** A property list (a macOS configuration profile) as values: dict, array, string, integer, true and false. */
function plist(text: string): Plist {
  const tokens = [...text.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)(\w+)[^>]*?(\/?)>([^<]*)/g)];
  let i = tokens.findIndex((m) => m[2] === 'plist') + 1;
  const entity = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const value = (): Plist => {
    const [, , tag, selfClosing, content = ''] = tokens[i++] as RegExpMatchArray;
    if (tag === 'true' || tag === 'false') return tag === 'true' && selfClosing === '/';
    if (tag === 'string' || tag === 'integer') {
      i++; // its closing tag
      return tag === 'string' ? entity(content) : Number(content);
    }
    const items: Plist[] = [];
    const dict: Record<string, Plist> = {};
    while (tokens[i]?.[1] !== '/') {
      if (tag === 'dict') {
        const key = entity(tokens[i]?.[4] ?? '');
        i += 2;
        dict[key] = value();
      } else items.push(value());
    }
    i++;
    return tag === 'dict' ? dict : items;
  };
  return value();
}

/** A configuration profile's payload of one preference domain. */
function payload(path: string, domain: string): Record<string, Plist> {
  const content = (plist(read(path)) as Record<string, Plist>).PayloadContent as Record<string, Plist>[];
  return content.find((p) => p.PayloadType === domain) ?? {};
}

/** A payload's own settings, without the Payload* keys that describe it. */
const settingsOf = (p: Record<string, Plist>) => Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('Payload')));

/** The extension's managed values in each kit file, as the browser hands them to chrome.storage.managed. */
const kits: [string, () => Record<string, unknown>][] = [
  ['chrome/invite-here.json', () => json('chrome/invite-here.json')['3rdparty'].extensions[CHROMIUM_ID]],
  ['edge/invite-here.json', () => json('edge/invite-here.json')['3rdparty'].extensions[EDGE_ID]],
  [
    'chrome/invite-here.reg',
    () =>
      registry(read('chrome/invite-here.reg')).get(
        `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${CHROMIUM_ID}\\policy`,
      ) ?? {},
  ],
  [
    'edge/invite-here.reg',
    () =>
      registry(read('edge/invite-here.reg')).get(
        `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${EDGE_ID}\\policy`,
      ) ?? {},
  ],
  ['firefox/policies.json', () => json('firefox/policies.json').policies['3rdparty'].Extensions[GECKO_ID]],
  [
    'chrome/invite-here.mobileconfig',
    () => settingsOf(payload('chrome/invite-here.mobileconfig', `com.google.Chrome.extensions.${CHROMIUM_ID}`)),
  ],
  [
    'edge/invite-here.mobileconfig',
    () => settingsOf(payload('edge/invite-here.mobileconfig', `com.microsoft.Edge.extensions.${EDGE_ID}`)),
  ],
];

describe('the fleet kit (deploy/)', () => {
  it.each(kits)('%s sets every value of the managed schema, of its type, and one the extension accepts', (_file, values) => {
    const set = values();
    expect(Object.keys(set).sort()).toEqual(Object.keys(schema.properties).sort());
    for (const [name, value] of Object.entries(set)) expect([name, typeof value]).toEqual([name, schema.properties[name]?.type]);
    expect(isTenant(String(set.tenant))).toBe(true);
    expect(isClientId(String(set.clientId))).toBe(true);
    expect(isCloud(String(set.cloud))).toBe(true);
  });

  it('sets the same tenant, client id and cloud in every file', () => {
    const [first, ...rest] = kits.map(([, values]) => values());
    for (const other of rest) expect(other).toEqual(first);
  });

  it("force-installs each browser's build from its store, under the id each store gives it", () => {
    expect(json('chrome/invite-here.json').ExtensionInstallForcelist).toEqual([`${CHROMIUM_ID};${CHROME_WEB_STORE}`]);
    expect(json('edge/invite-here.json').ExtensionInstallForcelist).toEqual([`${EDGE_ID};${EDGE_ADD_ONS}`]);
    const chromeReg = registry(read('chrome/invite-here.reg'));
    expect(chromeReg.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist')).toEqual({
      1: `${CHROMIUM_ID};${CHROME_WEB_STORE}`,
    });
    const edgeReg = registry(read('edge/invite-here.reg'));
    expect(edgeReg.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\ExtensionInstallForcelist')).toEqual({
      1: `${EDGE_ID};${EDGE_ADD_ONS}`,
    });
    expect(settingsOf(payload('chrome/invite-here.mobileconfig', 'com.google.Chrome'))).toEqual({
      ExtensionInstallForcelist: [`${CHROMIUM_ID};${CHROME_WEB_STORE}`],
    });
    expect(settingsOf(payload('edge/invite-here.mobileconfig', 'com.microsoft.Edge'))).toEqual({
      ExtensionInstallForcelist: [`${EDGE_ID};${EDGE_ADD_ONS}`],
    });
    expect(json('firefox/policies.json').policies.ExtensionSettings[GECKO_ID]).toEqual({
      installation_mode: 'force_installed',
      install_url: 'https://addons.mozilla.org/firefox/downloads/latest/invite-here/latest.xpi',
    });
  });
});

describe('the redirect URIs docs/deploying.md and the README list', () => {
  it("are the ones the browsers make from the extension's ids", () => {
    for (const doc of ['docs/deploying.md', 'README.md']) {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      expect([doc, text.includes(chromiumRedirectUri(CHROMIUM_ID))]).toEqual([doc, true]);
      expect([doc, text.includes(firefoxRedirectUri(GECKO_ID))]).toEqual([doc, true]);
    }
  });
});
