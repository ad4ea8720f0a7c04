/** The pieces every shape check is made of (shapes.ts, guest-shapes.ts). */

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Text up to `max` characters: every free-text field a message carries has a bound. */
export const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A GUID as the extension writes it: lower case. */
export const guid = (v: unknown): v is string => typeof v === 'string' && GUID.test(v);
export const optGuid = (v: unknown) => v === undefined || guid(v);
