import type { Plugin } from 'vite';

/** Preact's one write to innerHTML, in its built file: `dangerouslySetInnerHTML`'s `node.innerHTML = props.__html`. */
const PREACT_INNER_HTML = /([A-Za-z_$][\w$]*)\.innerHTML=([A-Za-z_$][\w$]*)\.__html/g;

/**
 * Takes Preact's `dangerouslySetInnerHTML` out of the build: the extension renders every value as text and never
 * passes that prop, and the one innerHTML assignment it leaves in the bundle is the warning Mozilla's linter raises
 * (UNSAFE_VAR_ASSIGNMENT) and an addons.mozilla.org reviewer asks about. A use of the prop now throws instead of
 * writing markup. The build fails if Preact's file no longer has the assignment where this expects it, so a Preact
 * update cannot bring it back unseen.
 */
export function noInnerHtml(): Plugin {
  return {
    name: 'invite-here:no-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id)) return null;
      const replaced = code.replace(
        PREACT_INNER_HTML,
        () => 'function(){throw Error("dangerouslySetInnerHTML is not supported")}()',
      );
      if (replaced === code) this.error("Preact's innerHTML assignment was not found: check scripts/no-inner-html.ts");
      return { code: replaced, map: null };
    },
  };
}
