/** Set by the build (vite.config.ts, vite.firefox.config.ts): the Firefox build, or the Chromium one (also Edge's). */
interface ImportMetaEnv {
  readonly FIREFOX: boolean;
}
