import { describe, expect, it } from 'vitest';
import { path } from './url-path.ts';

describe('path', () => {
  it('keeps each value inside its own segment', () => {
    expect(path`/groups/${'a/b?c#d'}/users/${'x@y.example'}`).toBe('/groups/a%2Fb%3Fc%23d/users/x%40y.example');
  });

  it('refuses a value the URL parser would resolve as a dot segment', () => {
    expect(() => path`/groups/${'ws'}/users/${'..'}`).toThrow(RangeError);
    expect(() => path`/groups/${'.'}`).toThrow(RangeError);
  });
});
