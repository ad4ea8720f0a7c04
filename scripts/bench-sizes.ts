import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 13's budgets, gzip: what the popup loads before it can draw, and what every matching page pays. */
export const POPUP_BUDGET = 30 * 1024;
export const CONTENT_BUDGET = 8 * 1024;

/**
 * A script and every file it imports, statically or through the content-script loader's runtime URL, as the
 * browser fetches them: each file once.
 */
function closure(dist: string, start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/from\s*["']([^"']+\.js)["']|import\s*["']([^"']+\.js)["']|getURL\(\s*["']([^"']+\.js)["']/g)) {
      const [, relative, bare, url] = m;
      if (relative ?? bare) queue.push(join(dirname(file), (relative ?? bare) as string));
      if (url) queue.push(join(dist, url));
    }
  }
  return seen;
}

const gzipBytes = (files: Iterable<string>) => [...files].reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0);

/** The popup's first load (its entry and the modules it preloads) and the content script, gzip bytes. */
export function startupSizes(dist: string): { popup: number; popupCss: number; content: number } {
  const html = readFileSync(join(dist, 'src', 'popup', 'index.html'), 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => join(dist, m[1] as string));
  const scripts = refs(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g);
  const styles = refs(/<link[^>]*rel="stylesheet"[^>]*href="\/?([^"]+\.css)"/g);
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[] }[] };
  const content = manifest.content_scripts.flatMap((c) => c.js.map((f) => join(dist, f)));
  return { popup: gzipBytes(closure(dist, scripts)), popupCss: gzipBytes(styles), content: gzipBytes(closure(dist, content)) };
}
