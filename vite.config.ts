import { crx } from '@crxjs/vite-plugin';
import { defineConfig, type UserConfig } from 'vite';
import { localesPlugin } from './scripts/locales.ts';
import { chromiumManifest } from './scripts/manifests.ts';
import { noInnerHtml } from './scripts/no-inner-html.ts';

/** What the Chromium build (also Edge's) and the Firefox build (vite.firefox.config.ts) share. */
export const common = {
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { emptyOutDir: true, sourcemap: false },
} satisfies UserConfig;

export default defineConfig({
  ...common,
  plugins: [crx({ manifest: chromiumManifest }), localesPlugin(), noInnerHtml()],
  // The code's one question to the build (src/background/core/offscreen.ts): here MSAL runs in an offscreen document.
  define: { 'import.meta.env.FIREFOX': 'false' },
  build: {
    ...common.build,
    outDir: 'dist',
    // The offscreen document is not named in the manifest; list it so it is built.
    rollupOptions: { input: { offscreen: 'src/offscreen/index.html' } },
  },
});
