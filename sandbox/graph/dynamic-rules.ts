import type { SandboxUser } from '../store.ts';
import {
  BOOLEAN,
  COLLECTION,
  compare,
  invalidOperands,
  NEGATED,
  PROPERTIES,
  ruleView,
  type Value,
} from './dynamic-rule-compare.ts';
import { RuleError, ruleError, type Token, tokenize } from './dynamic-rule-tokens.ts';

/**
 * Entra's dynamic membership rules for users (learn: entra/identity/users/groups-dynamic-membership): `user.<property>
 * <operator> <value>` joined by -and, -or, -not and parentheses; -eq -ne -startsWith -notStartsWith -endsWith
 * -notEndsWith -contains -notContains -match -notMatch -in -notIn, and -any / -all over a string collection with `_`.
 * "Regex and string operations aren't case sensitive." The page calls property names case sensitive, yet writes
 * both `mailNickName` and `mailNickname`; the sandbox takes any case. Precedence, highest first: the comparisons,
 * -not, -and, -or.
 */
export { RuleError };

type Row = Record<string, unknown>;
type Test = (user: Row) => boolean;

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Test {
    if (this.tokens.length === 0) throw ruleError('The rule is empty.');
    const test = this.or();
    const rest = this.tokens[this.pos];
    if (rest) throw ruleError(`Syntax error near '${rest.text}'.`);
    return test;
  }

  private take(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw ruleError('Syntax error: the rule ends too early.');
    return t;
  }

  private isWord(...names: string[]): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'word' && names.includes(t.text.replace(/^-/, '').toLowerCase());
  }

  private expect(text: string): void {
    if (this.take().text !== text) throw ruleError(`Syntax error: '${text}' expected.`);
  }

  private or(): Test {
    let left = this.and();
    while (this.isWord('or')) {
      this.pos++;
      const [a, b] = [left, this.and()];
      left = (u) => a(u) || b(u);
    }
    return left;
  }

  private and(): Test {
    let left = this.not();
    while (this.isWord('and')) {
      this.pos++;
      const [a, b] = [left, this.not()];
      left = (u) => a(u) && b(u);
    }
    return left;
  }

  private not(): Test {
    if (!this.isWord('not')) return this.primary();
    this.pos++;
    const inner = this.not();
    return (u) => !inner(u);
  }

  private primary(): Test {
    if (this.tokens[this.pos]?.text !== '(') return this.expression();
    this.pos++;
    const inner = this.or();
    this.expect(')');
    return inner;
  }

  private value(): Value {
    const t = this.take();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.text === '[') {
      const list: Value[] = [];
      while (this.tokens[this.pos]?.text !== ']') {
        list.push(this.value());
        if (this.tokens[this.pos]?.text === ',') this.pos++;
      }
      this.pos++;
      return list;
    }
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null' || word === '$null') return null;
    throw ruleError(`Syntax error near '${t.text}'.`);
  }

  private expression(): Test {
    const t = this.take();
    const path = /^user\.(\w+)$/i.exec(t.kind === 'word' ? t.text : '');
    if (!path?.[1]) throw ruleError(t.kind === 'word' && t.text.includes('.') ? 'Invalid object type.' : 'Syntax error.');
    const name = PROPERTIES.get(path[1].toLowerCase());
    if (!name) throw ruleError(`Wrong property applied. Property '${path[1]}' cannot be applied to object 'User'.`);
    const op = this.take();
    const opName = op.text.replace(/^-/, '').toLowerCase();
    if (op.kind !== 'word') throw ruleError(`Syntax error near '${op.text}'.`);
    if (opName === 'any' || opName === 'all') return this.lambda(name, opName);
    const operand = this.value();
    const isBoolean = BOOLEAN.includes(name);
    if (isBoolean !== (typeof operand === 'boolean') && operand !== null) throw invalidOperands();
    const test = compare(opName, operand);
    if (!COLLECTION.includes(name)) return (u) => test(u[name]);
    // A collection matches when one of its items does; a negated operator, when none does (the sandbox's reading).
    const positiveOp = NEGATED[opName];
    if (!positiveOp) return (u) => ((u[name] as string[]) ?? []).some(test);
    const positive = compare(positiveOp, operand);
    return (u) => !((u[name] as string[]) ?? []).some(positive);
  }

  /** `user.otherMails -any (_ -endsWith "@x")`: `_` stands for each item of the collection. */
  private lambda(name: string, kind: 'any' | 'all'): Test {
    if (!COLLECTION.includes(name)) throw invalidOperands();
    this.expect('(');
    if (this.take().text !== '_') throw ruleError("Syntax error: '_' expected.");
    const op = this.take().text.replace(/^-/, '').toLowerCase();
    const test = compare(op, this.value());
    this.expect(')');
    return (u) => {
      const items = (u[name] as string[]) ?? [];
      return kind === 'any' ? items.some(test) : items.every(test);
    };
  }
}

/** The rule as a test on users; throws RuleError, with Entra's validation wording, when it does not parse. */
export function compileRule(rule: string): (user: SandboxUser) => boolean {
  if (rule.length > 3072) throw ruleError('The rule is longer than 3,072 characters.');
  const test = new Parser(tokenize(rule)).parse();
  return (user) => test(ruleView(user));
}
