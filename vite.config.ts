import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { localesPlugin } from './scripts/locales.ts';

export default defineConfig({
  plugins: [crx({ manifest }), localesPlugin()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The offscreen document is not named in the manifest; list it so it is built.
    rollupOptions: { input: { offscreen: 'src/offscreen/index.html' } },
  },
});
