import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import { localesPlugin } from './scripts/locales.ts';
import { firefoxManifest } from './scripts/manifests.ts';
import { noInnerHtml } from './scripts/no-inner-html.ts';
import { common } from './vite.config.ts';

/** The Firefox build: the manifest as Firefox takes it (scripts/manifests.ts), MSAL in the event page. */
export default defineConfig({
  ...common,
  plugins: [crx({ manifest: firefoxManifest(), browser: 'firefox' }), localesPlugin(), noInnerHtml()],
  define: { 'import.meta.env.FIREFOX': 'true' },
  build: { ...common.build, outDir: 'dist-firefox' },
});
