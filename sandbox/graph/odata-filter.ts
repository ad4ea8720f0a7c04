import { DATE, ORDERED, order, same, tokenize, UnsupportedQuery, valueAt } from './odata-values.ts';

/**
 * A small OData `$filter` evaluator covering what Graph supports on the directory objects the sandbox serves: `eq`,
 * `ne`, `ge`, `le`, `gt`, `lt`, `in`, `startswith()`, `endswith()` (an advanced query: learn aad-advanced-queries),
 * `any()` over collections (`otherMails/any(m:m eq '…')`, `targetResources/any(t:t/id eq '…')`), paths such as
 * `initiatedBy/user/id`, `and`, `or`, `not` and parentheses. Anything else is an unsupported query, as in Graph.
 */
type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

export { UnsupportedQuery };

export interface FilterOptions {
  /** `ConsistencyLevel: eventual` with `$count=true`: Graph's advanced queries, which `endswith` needs. */
  advanced?: boolean;
  /** Filled with each property path the filter compares (a lambda's collection, not its variable's paths). */
  paths?: string[];
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: string[],
    private readonly options: FilterOptions,
  ) {}

  parse(): Predicate {
    const p = this.or();
    if (this.pos !== this.tokens.length) throw new UnsupportedQuery(`Unexpected '${this.tokens[this.pos]}'`);
    return p;
  }

  private peek = () => this.tokens[this.pos]?.toLowerCase();

  private next(expected?: string): string {
    const t = this.tokens[this.pos++];
    if (t === undefined || (expected && t.toLowerCase() !== expected)) throw new UnsupportedQuery('Invalid filter clause');
    return t;
  }

  private or(): Predicate {
    let left = this.and();
    while (this.peek() === 'or') {
      this.next();
      const [a, b] = [left, this.and()];
      left = (r) => a(r) || b(r);
    }
    return left;
  }

  private and(): Predicate {
    let left = this.unary();
    while (this.peek() === 'and') {
      this.next();
      const [a, b] = [left, this.unary()];
      left = (r) => a(r) && b(r);
    }
    return left;
  }

  private unary(): Predicate {
    if (this.peek() === 'not') {
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
    if (DATE.test(t)) return t;
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

  private text(name: string): Predicate {
    if (name === 'endswith' && !this.options.advanced) throw new UnsupportedQuery('Unsupported Query.');
    this.next('(');
    const prop = this.next();
    this.options.paths?.push(prop);
    this.next(',');
    const value = String(this.literal()).toLowerCase();
    this.next(')');
    const test = (s: string) => (name === 'startswith' ? s.startsWith(value) : s.endsWith(value));
    return (r) => {
      const v = valueAt(r, prop);
      return typeof v === 'string' && test(v.toLowerCase());
    };
  }

  private comparison(): Predicate {
    const name = this.next();
    const fn = name.toLowerCase();
    if (fn === 'startswith' || fn === 'endswith') return this.text(fn);
    const lambda = /^(.+)\/(any|all)$/i.exec(name);
    if (lambda?.[1]) {
      const [collection, kind] = [lambda[1], lambda[2]?.toLowerCase()];
      this.options.paths?.push(collection);
      const paths = this.options.paths;
      this.options.paths = undefined;
      this.next('(');
      const variable = this.next();
      this.next(':');
      const inner = this.or();
      this.options.paths = paths;
      this.next(')');
      return (r) => {
        const items = valueAt(r, collection);
        if (!Array.isArray(items)) return false;
        const hit = (item: unknown) => inner({ [variable]: item });
        return kind === 'any' ? items.some(hit) : items.every(hit);
      };
    }
    this.options.paths?.push(name);
    const op = this.next().toLowerCase();
    if (op === 'in') {
      const values = this.list();
      return (r) => values.some((v) => same(valueAt(r, name), v));
    }
    const value = this.literal();
    if (op === 'eq') return (r) => same(valueAt(r, name), value);
    if (op === 'ne') return (r) => !same(valueAt(r, name), value);
    const test = ORDERED[op];
    if (!test) throw new UnsupportedQuery(`Unsupported operator '${op}'`);
    return (r) => {
      const n = order(valueAt(r, name), value);
      return n !== null && test(n);
    };
  }
}

export function compileFilter(text: string | null, options: FilterOptions = {}): Predicate {
  if (!text) return () => true;
  return new Parser(tokenize(text), options).parse();
}

/** The property paths a `$filter` compares, in order (empty for none): for rules on what may be combined. */
export function filterPaths(text: string | null): string[] {
  const paths: string[] = [];
  if (text) new Parser(tokenize(text), { advanced: true, paths }).parse();
  return paths;
}
