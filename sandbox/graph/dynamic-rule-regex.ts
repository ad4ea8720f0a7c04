import { ruleError } from './dynamic-rule-tokens.ts';

/**
 * The `-match` operand, compiled only when it cannot stall the sandbox. Node's regular expressions backtrack, and a
 * rule is evaluated for every user on every read of a dynamic group: one costly pattern would hold the whole sandbox.
 *
 * Entra documents no bound on the pattern itself (only the rule's 3,072 characters, and advice to avoid `-match`:
 * learn: entra/identity/users/groups-dynamic-rule-more-efficient), so the bound here is the sandbox's: 256
 * characters, as long as the longest string a rule reads (displayName), is more than any pattern a rule needs.
 */
export const MAX_MATCH_PATTERN = 256;

/**
 * Quantifiers that repeat without end. Three in a row over the same text cost n³ steps on a 256-character value
 * (some 17 million, still quick); a fourth would cost n⁴ (billions).
 */
const MAX_UNBOUNDED = 3;

interface Group {
  /** Something inside repeats, or has alternatives: repeating the group as well backtracks exponentially. */
  costly: boolean;
}

/** Length of the quantifier at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, with its lazy `?`), and whether it is unbounded. */
function quantifierAt(p: string, i: number): { length: number; unbounded: boolean } | null {
  const c = p[i];
  let length = 0;
  let unbounded = false;
  if (c === '*' || c === '+' || c === '?') {
    length = 1;
    unbounded = c !== '?';
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (!m) return null;
    length = m[0].length;
    unbounded = m[2] !== undefined && m[3] === '';
  } else return null;
  if (p[i + length] === '?') length++;
  return { length, unbounded };
}

/** Why the pattern is refused, in words; null when it may be compiled. */
export function costlyPattern(p: string): string | null {
  if (p.length > MAX_MATCH_PATTERN) return `The -match pattern is longer than ${MAX_MATCH_PATTERN} characters.`;
  const nested = 'The -match pattern repeats a group that repeats or has alternatives, such as (a+)+ or (a|b)*.';
  const stack: Group[] = [{ costly: false }];
  let unbounded = 0;
  let i = 0;
  while (i < p.length) {
    const c = p[i] as string;
    const top = stack[stack.length - 1] as Group;
    // What a quantifier after this item repeats: a group that was costly makes the repetition costly.
    let repeatsCostly = false;
    if (c === '\\') {
      if (/[1-9k]/.test(p[i + 1] ?? '')) return 'The -match pattern refers back to a group.';
      i += 2;
    } else if (c === '[') {
      // A class is one character: skip to its closing bracket (an escaped one does not close it; in JavaScript a
      // `]` right after `[` closes an empty class, so it is not skipped as PCRE would).
      i++;
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      stack.push({ costly: false });
      i++;
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: the `?` here is not a quantifier.
      if (p[i] === '?') i += p[i + 1] === '<' && p[i + 2] !== '=' && p[i + 2] !== '!' ? 1 : 2;
      continue;
    } else if (c === ')') {
      const closed = stack.length > 1 ? (stack.pop() as Group) : { costly: false };
      repeatsCostly = closed.costly;
      // The group's cost belongs to what holds it.
      if (closed.costly) (stack[stack.length - 1] as Group).costly = true;
      i++;
    } else if (c === '|') {
      top.costly = true;
      i++;
      continue;
    } else i++;
    const q = quantifierAt(p, i);
    if (q) {
      if (repeatsCostly) return nested;
      if (q.unbounded && ++unbounded > MAX_UNBOUNDED)
        return `The -match pattern has more than ${MAX_UNBOUNDED} quantifiers without an upper bound.`;
      (stack[stack.length - 1] as Group).costly = true;
      i += q.length;
    }
  }
  return null;
}

/** The operand as a case-blind regular expression; Entra's validation error when it is not one, or too costly. */
export function matchPattern(operand: string, invalidOperands: () => Error): RegExp {
  const costly = costlyPattern(operand);
  if (costly) throw ruleError(costly);
  try {
    return new RegExp(operand, 'i');
  } catch {
    throw invalidOperands();
  }
}
