/**
 * A URL path with every interpolated value encoded as one segment: `path\`/users/${id}/licenseDetails\``. An id
 * that somehow held `/`, `?`, `#` or `..` stays inside its own segment instead of moving the request elsewhere.
 */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  // A value of `.` or `..` would be a dot segment the URL parser resolves, encoded or not: refused outright.
  const segment = (v: string | number) => {
    if (v === '.' || v === '..') throw new RangeError(`not a path segment: ${v}`);
    return encodeURIComponent(String(v));
  };
  return strings.reduce((out, s, i) => out + s + (i < values.length ? segment(values[i] as string | number) : ''), '');
}
