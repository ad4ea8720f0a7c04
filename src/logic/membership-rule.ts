/**
 * Whether two dynamic membership rules say the same thing, compared in the browser: Graph documents `$filter` on
 * `membershipRule` with `eq` and `startsWith` only, so a rule written with other spacing, letter case or clause
 * order (the Entra admin center's rule builder writes its own) is found by reading the dynamic groups and comparing
 * here. Entra's rule operators and property names take any case, and its string comparisons ignore case (learn:
 * groups-dynamic-membership, "String and regex operations aren't case sensitive").
 */

/** The rule's top-level clauses, each lower-cased with its spacing and outer parentheses taken away. */
function clauses(rule: string): string[] | null {
  const text = bare(rule.trim().toLowerCase().replace(/\s+/g, ' '));
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth < 0) return null;
    if (depth === 0 && text.startsWith(' -and ', i)) {
      parts.push(text.slice(start, i));
      start = i + ' -and '.length;
    }
  }
  if (depth !== 0 || quoted) return null;
  parts.push(text.slice(start));
  return parts.map(bare);
}

/** A clause without the parentheses around all of it, and without spaces next to its parentheses. */
function bare(clause: string): string {
  let c = clause.trim().replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
  while (c.startsWith('(') && c.endsWith(')') && closesAtEnd(c)) c = c.slice(1, -1).trim();
  // Unbalanced text is left as it is, for `clauses` to refuse.
  return c;
}

/** The opening parenthesis at the start closes at the very end (not "(a) -or (b)"). */
function closesAtEnd(c: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < c.length; i++) {
    if (c[i] === '"') quoted = !quoted;
    if (quoted) continue;
    if (c[i] === '(') depth++;
    if (c[i] === ')') depth--;
    if (depth === 0 && i < c.length - 1) return false;
  }
  return true;
}

/** The same rule: the same clauses joined by `-and`, in any order, spacing or case. */
export function sameRule(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = clauses(a);
  const y = clauses(b);
  if (!x || !y || x.length !== y.length) return false;
  const rest = [...y];
  return x.every((clause) => {
    const i = rest.indexOf(clause);
    if (i < 0) return false;
    rest.splice(i, 1);
    return true;
  });
}
