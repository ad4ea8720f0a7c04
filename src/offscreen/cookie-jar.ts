/**
 * MSAL v5 encrypts its localStorage cache with a key kept in a `Secure; SameSite=None` session cookie, and Chrome
 * drops such cookies on chrome-extension:// pages: every reload of this document would lose the cache. This jar
 * stands in for `document.cookie` and keeps its contents in the background's chrome.storage.session (memory only,
 * gone with the browser, as the session cookie would be).
 */
export async function installCookieJar(load: () => Promise<string>, persist: (jar: string) => void): Promise<void> {
  const saved = await load();
  const jar = new Map<string, string>(saved ? (JSON.parse(saved) as [string, string][]) : []);
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
    set: (cookie: string) => {
      const [pair = '', ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = (eq === -1 ? pair : pair.slice(0, eq)).trim();
      const value = eq === -1 ? '' : pair.slice(eq + 1).trim();
      const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('expires='));
      const expired = expires !== undefined && Date.parse(expires.slice('expires='.length)) <= Date.now();
      if (expired) jar.delete(name);
      else jar.set(name, value);
      persist(JSON.stringify([...jar]));
    },
  });
}
