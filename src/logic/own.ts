/**
 * A table entry by a name from outside (a message name, a column header, a URL segment), read from the table's own
 * properties only: `constructor`, `__proto__` or `toString` are unknown names, not Object.prototype's members.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
