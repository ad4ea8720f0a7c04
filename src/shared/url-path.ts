/**
 * A URL path with every interpolated value encoded as one segment: `path\`/users/${id}/licenseDetails\``. An id
 * that somehow held `/`, `?`, `#` or `..` stays inside its own segment instead of moving the request elsewhere.
 */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}
