/**
 * The tokens of an Entra dynamic membership rule (learn: entra/identity/users/groups-dynamic-membership): words
 * such as `user.mail` and `-endsWith`, quoted strings, numbers, brackets and parentheses. Operators may be written
 * with or without their hyphen, and the Learn page's own examples use an en dash (`–eq`), so that is taken too.
 */

export class RuleError extends Error {}

/** The message Entra gives for a rule it cannot take, as the admin center shows it (portal wording). */
export const ruleError = (reason: string) => new RuleError(`Dynamic membership rule validation error: ${reason}`);

export type Token =
  | { kind: 'punct'; text: '(' | ')' | '[' | ']' | ',' }
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string };

const PUNCT = new Set(['(', ')', '[', ']', ',']);

/** A string in double (or single) quotes; a double quote inside is escaped with a backtick, a single one doubled. */
function quoted(rule: string, start: number): { text: string; end: number } {
  const quote = rule[start];
  let text = '';
  for (let i = start + 1; i < rule.length; i++) {
    const c = rule[i] as string;
    if (c === '`' && rule[i + 1] === '"') {
      text += '"';
      i++;
    } else if (c === quote && quote === "'" && rule[i + 1] === "'") {
      text += "'";
      i++;
    } else if (c === quote) return { text, end: i + 1 };
    else text += c;
  }
  throw ruleError('Syntax error: a string value is not closed.');
}

export function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c as '(' });
      i++;
    } else if (c === '"' || c === "'") {
      const q = quoted(rule, i);
      tokens.push({ kind: 'string', text: q.text });
      i = q.end;
    } else {
      const m = /^(-?\d+(?:\.\d+)?(?![\w.])|[-–]?[A-Za-z_$][\w.]*)/.exec(rule.slice(i));
      if (!m?.[1]) throw ruleError(`Syntax error near '${rule.slice(i, i + 20)}'.`);
      const text = m[1].replace(/^–/, '-');
      tokens.push({ kind: /^-?\d/.test(text) ? 'number' : 'word', text });
      i += m[1].length;
    }
  }
  return tokens;
}
