/**
 * Shapes written once (issue 24). A schema is a type guard, `(value: unknown) => value is T`, and the type is read
 * from it with `Infer<typeof schema>`, so a shape and its type cannot drift apart. Any guard is a schema already
 * (`isArmScope`, `isGuid`); the combinators below build the rest. Plain functions, no classes: a bundle keeps only
 * what it calls.
 */

export type Schema<T> = (value: unknown) => value is T;
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A field that may be left out: `object` makes its key optional. */
export type Optional<T> = Schema<T | undefined> & { readonly optional: true };

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Flat<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

/** A plain object (not null, not an array): what every payload is. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text up to `max` characters (every free-text field a message carries has a bound), matching `pattern` if given. */
export const string =
  (max: number, pattern?: RegExp): Schema<string> =>
  (v): v is string =>
    typeof v === 'string' && v.length <= max && (!pattern || pattern.test(v));

export const boolean: Schema<boolean> = (v): v is boolean => typeof v === 'boolean';

/** A whole number from `min` to `max`, both included (any whole number when no bounds are given). */
export const integer =
  (min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): Schema<number> =>
  (v): v is number =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** One of these exact values. */
export const literal =
  <const L extends readonly (string | number | boolean | null)[]>(...values: L): Schema<L[number]> =>
  (v): v is L[number] =>
    values.includes(v as L[number]);

export const optional = <T>(schema: Schema<T>): Optional<T> =>
  Object.assign((v: unknown): v is T | undefined => v === undefined || schema(v), { optional: true as const });

export const nullable =
  <T>(schema: Schema<T>): Schema<T | null> =>
  (v): v is T | null =>
    v === null || schema(v);

/** Any of these shapes. */
export const union =
  <S extends Schema<unknown>[]>(...schemas: S): Schema<Infer<S[number]>> =>
  (v): v is Infer<S[number]> =>
    schemas.some((s) => s(v));

/** A list of `min` to `max` items, each of the item's shape. */
export const array =
  <T>(item: Schema<T>, { min = 0, max }: { min?: number; max: number }): Schema<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.length >= min && v.length <= max && v.every((x) => item(x));

/** The shape, and a rule its fields must keep together (a scope and the parts read from it, a default tenant). */
export const refine =
  <T>(schema: Schema<T>, rule: (value: T) => boolean): Schema<T> =>
  (v): v is T =>
    schema(v) && rule(v);

/**
 * An object with these fields. Other keys are let through untouched, unless `exact`: then a key the shape does not
 * name refuses the object (a page report that tries to name its page). Fields are read as own properties only.
 */
export function object<S extends Shape>(shape: S, options: { exact?: boolean } = {}): Schema<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return (v): v is ObjectOf<S> =>
    isRecord(v) &&
    keys.every((k) => (shape[k] as Schema<unknown>)(Object.hasOwn(v, k) ? v[k] : undefined)) &&
    (!options.exact || Object.keys(v).every((k) => Object.hasOwn(shape, k)));
}

type VariantOf<K extends string, M extends Record<string, Schema<object>>> = {
  [V in keyof M & string]: Flat<{ [P in K]: V } & Infer<M[V]>>;
}[keyof M & string];

/**
 * A union told apart by one field (`kind`): the field's value picks the variant, whose schema checks the rest. A
 * value the table does not hold as its own (`constructor`, `__proto__`) is no variant.
 */
export function variants<K extends string, M extends Record<string, Schema<object>>>(key: K, table: M): Schema<VariantOf<K, M>> {
  return (v): v is VariantOf<K, M> => {
    if (!isRecord(v)) return false;
    const tag = v[key];
    return typeof tag === 'string' && Object.hasOwn(table, tag) && (table[tag] as Schema<object>)(v);
  };
}

/** A date and time as text that `Date.parse` reads (ISO 8601), within a bound. */
export const dateText = refine(string(40), (v) => !Number.isNaN(Date.parse(v)));
