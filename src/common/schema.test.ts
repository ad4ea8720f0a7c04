import { describe, expect, it } from 'vitest';
import { array, dateText, integer, literal, object, optional, string, variants } from './schema.ts';

describe('schemas', () => {
  const person = object({ name: string(5), age: optional(integer(0, 150)) });

  it('takes an object whose fields fit, with an optional field left out or given', () => {
    expect(person({ name: 'Nora' })).toBe(true);
    expect(person({ name: 'Nora', age: 40 })).toBe(true);
  });

  it.each([
    ['a name longer than its bound', { name: 'Nora Lee' }],
    ['an age that is not whole', { name: 'Nora', age: 4.5 }],
    ['an age out of range', { name: 'Nora', age: -1 }],
    ['no name', { age: 40 }],
    ['an array', [{ name: 'Nora' }]],
    ['null', null],
  ])('refuses %s', (_why, value) => {
    expect(person(value)).toBe(false);
  });

  it('lets other keys through, unless the shape is exact', () => {
    expect(person({ name: 'Nora', note: 'x' })).toBe(true);
    expect(object({ name: string(5) }, { exact: true })({ name: 'Nora', note: 'x' })).toBe(false);
  });

  it('reads a field from the object itself, never from its prototype', () => {
    const inherited = Object.create({ name: 'Nora' });
    expect(person(inherited)).toBe(false);
  });

  it('refuses a string that misses its pattern', () => {
    expect(string(10, /^[a-z]+$/)('abc')).toBe(true);
    expect(string(10, /^[a-z]+$/)('ab/c')).toBe(false);
  });

  it('takes a list only within its bounds', () => {
    const some = array(literal('a', 'b'), { min: 1, max: 2 });
    expect(some(['a', 'b'])).toBe(true);
    expect(some([])).toBe(false);
    expect(some(['a', 'b', 'a'])).toBe(false);
    expect(some(['c'])).toBe(false);
  });

  it('takes a date only as text Date can read, within 40 characters', () => {
    expect(dateText('2026-12-24T23:59:59.000Z')).toBe(true);
    expect(dateText('soon')).toBe(false);
    expect(dateText(`2026-12-24T23:59:59.000Z${' '.repeat(20)}`)).toBe(false);
  });

  const shape = variants('kind', { circle: object({ r: integer(1, 9) }), square: object({ side: integer(1, 9) }) });

  it('tells variants apart by their kind and checks the rest by it', () => {
    expect(shape({ kind: 'circle', r: 2 })).toBe(true);
    expect(shape({ kind: 'circle', side: 2 })).toBe(false);
    expect(shape({ kind: 'triangle', r: 2 })).toBe(false);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('takes no kind named %s', (kind) => {
    expect(shape({ kind })).toBe(false);
  });
});
