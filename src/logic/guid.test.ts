import { describe, expect, it } from 'vitest';
import { isGuid, isOwnGuid } from './guid.ts';

const ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('the GUID rule', () => {
  it('takes a GUID in either case, as Microsoft spells them', () => {
    expect(isGuid(ID)).toBe(true);
    expect(isGuid(ID.toUpperCase())).toBe(true);
  });

  it('takes only lower case as what the extension writes', () => {
    expect(isOwnGuid(ID)).toBe(true);
    expect(isOwnGuid(ID.toUpperCase())).toBe(false);
  });

  it.each([
    ['braces', `{${ID}}`],
    ['a path behind it', `${ID}/..`],
    ['a missing digit', ID.slice(1)],
    ['a letter past f', ID.replace('a', 'g')],
    ['a number', 42],
  ])('refuses a GUID with %s', (_why, value) => {
    expect(isGuid(value)).toBe(false);
  });
});
