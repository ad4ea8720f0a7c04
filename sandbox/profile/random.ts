/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same tenant on every run and every machine,
 * so a profile is generated at start instead of kept as a blob, and tests may name what it holds.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `count` different items, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const n = Math.min(count, items.length);
    // Few out of many (a group's members out of 25,000 users): draw indices; else shuffle a copy (Fisher-Yates).
    if (n * 4 < items.length) {
      const taken = new Set<number>();
      while (taken.size < n) taken.add(Math.floor(this.next() * items.length));
      return [...taken].map((i) => items[i] as T);
    }
    const copy = [...items];
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** 32 random bits, as 8 hex digits. */
  private hex32(): string {
    return Math.floor(this.next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  }

  /** A version 4 GUID, as Entra and Azure give ids. */
  uuid(): string {
    const [a, b, c, d] = [this.hex32(), this.hex32(), this.hex32(), this.hex32()];
    const variant = (8 + Math.floor(this.next() * 4)).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  /** An instant between `days` days before `until` and `until`, to the second, as Graph writes it. */
  dateBefore(until: string, days: number): string {
    const ms = Date.parse(until) - Math.floor(this.next() * days * 86_400) * 1000;
    return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  }
}
