/**
 * A small OData `$filter` evaluator covering what Graph supports on users: `eq`, `ne`, `in`, `startswith()`,
 * `any()` on collections, `and`, `or`, `not` and parentheses. Anything else is an unsupported query, as in Graph.
 */
type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

export class UnsupportedQuery extends Error {}

const TOKEN = /\s*(\(|\)|,|:|'(?:[^']|'')*'|[A-Za-z_][\w./]*|-?\d+(?:\.\d+)?)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m?.[1]) throw new UnsupportedQuery(`Invalid filter clause near '${text.slice(TOKEN.lastIndex)}'`);
    tokens.push(m[1]);
  }
  return tokens;
}

const same = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

class Parser {
  private pos = 0;
  constructor(private readonly tokens: string[]) {}

  parse(): Predicate {
    const p = this.or();
    if (this.pos !== this.tokens.length) throw new UnsupportedQuery(`Unexpected '${this.tokens[this.pos]}'`);
    return p;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private next(expected?: string): string {
    const t = this.tokens[this.pos++];
    if (t === undefined || (expected && t.toLowerCase() !== expected)) throw new UnsupportedQuery('Invalid filter clause');
    return t;
  }

  private or(): Predicate {
    let left = this.and();
    while (this.peek()?.toLowerCase() === 'or') {
      this.next();
      const a = left;
      const b = this.and();
      left = (r) => a(r) || b(r);
    }
    return left;
  }

  private and(): Predicate {
    let left = this.unary();
    while (this.peek()?.toLowerCase() === 'and') {
      this.next();
      const a = left;
      const b = this.unary();
      left = (r) => a(r) && b(r);
    }
    return left;
  }

  private unary(): Predicate {
    if (this.peek()?.toLowerCase() === 'not') {
      this.next();
      const p = this.unary();
      return (r) => !p(r);
    }
    if (this.peek() === '(') {
      this.next();
      const p = this.or();
      this.next(')');
      return p;
    }
    return this.comparison();
  }

  private literal(): unknown {
    const t = this.next();
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (t === 'null') return null;
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^-?\d/.test(t)) return Number(t);
    throw new UnsupportedQuery(`Expected a literal, found '${t}'`);
  }

  /** `('a','b')`: Graph takes at most 15 values in one `in`. */
  private list(): unknown[] {
    this.next('(');
    const values = [this.literal()];
    while (this.peek() === ',') {
      this.next();
      values.push(this.literal());
    }
    this.next(')');
    if (values.length > 15) throw new UnsupportedQuery('The in operator takes at most 15 values.');
    return values;
  }

  private comparison(): Predicate {
    const name = this.next();
    if (name.toLowerCase() === 'startswith') {
      this.next('(');
      const prop = this.next();
      this.next(',');
      const value = String(this.literal()).toLowerCase();
      this.next(')');
      return (r) => typeof r[prop] === 'string' && (r[prop] as string).toLowerCase().startsWith(value);
    }
    const any = /^(\w+)\/any$/.exec(name);
    if (any?.[1]) {
      const prop = any[1];
      this.next('(');
      const variable = this.next();
      this.next(':');
      this.next(variable.toLowerCase());
      this.next('eq');
      const value = this.literal();
      this.next(')');
      return (r) => Array.isArray(r[prop]) && (r[prop] as unknown[]).some((v) => same(v, value));
    }
    const op = this.next().toLowerCase();
    if (op === 'in') {
      const values = this.list();
      return (r) => values.some((v) => same(r[name] ?? null, v));
    }
    const value = this.literal();
    if (op === 'eq') return (r) => same(r[name] ?? null, value);
    if (op === 'ne') return (r) => !same(r[name] ?? null, value);
    throw new UnsupportedQuery(`Unsupported operator '${op}'`);
  }
}

export function compileFilter(text: string | null): Predicate {
  if (!text) return () => true;
  return new Parser(tokenize(text)).parse();
}

/** `$select`: keep the named properties (and `id`), or the default set when none are named. */
export function project(row: Row, select: string | null, defaults: string[]): Row {
  const names = select
    ? [
        'id',
        ...select
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ]
    : defaults;
  return Object.fromEntries(names.map((n) => [n, row[n] ?? null]));
}
