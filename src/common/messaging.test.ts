import { describe, expect, it, vi } from 'vitest';
import { detectPageContext } from '../background/features/page/detect.ts';
import { backgroundChecks } from '../background/request-checks.ts';
import { isErrorCode } from './errors.ts';
import { dispatch, MARK } from './messaging.ts';
import { resourceTypeWords } from './page-context.ts';

// messaging.ts sends through the extension API, which a unit test has no need of.
vi.mock('./browser.ts', () => ({ browser: {} }));

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const handlers = { ping: async () => 'pong' };
const envelope = (name: string) => ({ mark: MARK, to: 'background', name, payload: {} });

describe('names from outside are looked up in own properties only', () => {
  it.each(NAMES)('refuses a message named %s as unknown', async (name) => {
    const reply = await dispatch('background', envelope(name), handlers, () => null);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_message' } });
  });

  it('still answers a message it knows', async () => {
    await expect(dispatch('background', envelope('ping'), handlers, () => null)).resolves.toEqual({ ok: true, value: 'pong' });
  });

  it.each(NAMES)('has no shape check named %s', (name) => {
    expect(Object.hasOwn(backgroundChecks, name)).toBe(false);
  });

  it.each(NAMES)('does not take %s for an error code', (name) => {
    expect(isErrorCode(name)).toBe(false);
  });

  it('does not read a Power BI item type from Object.prototype', () => {
    const url =
      'https://app.powerbi.com/groups/me/apps/5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b/constructor/0f4e3d2c-1b0a-4987-8654-3210fedcba98';
    expect(detectPageContext(url)).toEqual({ kind: 'powerbi-app', appId: '5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b' });
  });

  it('words an odd resource type by its own name, not a prototype member', () => {
    expect(resourceTypeWords('constructor')).toBe('constructor');
  });
});
