import { readFileSync } from 'node:fs';
import { parseSync } from 'oxc-parser';

/** A string in a view that a person would read but that does not come from the locale files. */
export interface InlineString {
  file: string;
  line: number;
  text: string;
}

// Attributes whose values are for the browser or the code, never read as words.
const TECHNICAL_ATTRIBUTES = new Set([
  'class',
  'className',
  'id',
  'key',
  'type',
  'name',
  'role',
  'data-testid',
  'href',
  'rel',
  'target',
  'autocomplete',
  'autoComplete',
  'inputMode',
  'pattern',
  'for',
  'htmlFor',
  'method',
  'accept',
  'lang',
  'dir',
  'value',
  'min',
  'max',
  'step',
  'src',
  'download',
  'style',
  'aria-live',
  'aria-describedby',
  'aria-labelledby',
  'aria-controls',
  'aria-current',
  'aria-haspopup',
  'list',
  'form',
  'kind',
  'tone',
  'variant',
]);

/** Prose, a sentence or a capitalised word: "Send", "Sign in", "3 rows". Ids, keys and CSS classes are not. */
const looksLikeWords = (s: string) => /\p{L}{2}/u.test(s) && (/\s/.test(s.trim()) || /^\p{Lu}\p{Ll}/u.test(s.trim()));

type Node = { type: string; start: number; end: number; [k: string]: unknown };

export function inlineStrings(file: string): InlineString[] {
  const code = readFileSync(file, 'utf8');
  const { program, comments } = parseSync(file, code);
  // A literal marked /* not text */ just before it is a value for the code (an API's own word), not for a person.
  const marked = (start: number) =>
    comments.some((c) => c.value.includes('not text') && c.end <= start && /^\s*$/.test(code.slice(c.end, start)));
  const found: InlineString[] = [];
  const lineOf = (at: number) => code.slice(0, at).split('\n').length;
  const report = (node: Node, text: string) => {
    if (!marked(node.start)) found.push({ file, line: lineOf(node.start), text: text.trim().slice(0, 60) });
  };

  const visit = (node: unknown, parent: Node | null, attribute: string | null): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, parent, attribute);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    switch (n.type) {
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
        if (n.source) return;
        break;
      case 'TSLiteralType':
      case 'TSTypeAnnotation':
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
        return;
      case 'JSXText':
        if (/\p{L}/u.test(String(n.value))) report(n, String(n.value));
        return;
      case 'JSXAttribute': {
        const name = n.name as Node & { name?: unknown; namespace?: { name: string } };
        const attr = typeof name.name === 'string' ? name.name : String((name.name as Node & { name: string }).name);
        if (TECHNICAL_ATTRIBUTES.has(attr)) return;
        visit(n.value, n, attr);
        return;
      }
      case 'CallExpression': {
        const callee = n.callee as Node & { name?: string };
        // t('key', …): the key is an id; its substitutions are still looked at.
        if (callee.type === 'Identifier' && callee.name === 't') {
          visit((n.arguments as Node[]).slice(1), n, attribute);
          return;
        }
        break;
      }
      case 'BinaryExpression':
        // `kind === 'Guest'`: a comparison with an API's value.
        if (['===', '!==', '==', '!='].includes(String(n.operator))) return;
        break;
      case 'SwitchCase':
        visit(n.consequent, n, attribute);
        return;
      case 'Property':
        if (!n.computed) {
          visit(n.value, n, attribute);
          return;
        }
        break;
      case 'Literal':
        if (typeof n.value === 'string' && looksLikeWords(n.value)) report(n, n.value);
        return;
      case 'TemplateLiteral':
        for (const q of n.quasis as (Node & { value: { cooked: string } })[]) {
          if (looksLikeWords(q.value.cooked ?? '')) report(q, q.value.cooked);
        }
        visit(n.expressions, n, attribute);
        return;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k !== 'type' && k !== 'start' && k !== 'end' && v && typeof v === 'object') visit(v, n, attribute);
    }
  };
  visit(program, null, null);
  return found;
}
