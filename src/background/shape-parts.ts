/** The pieces every shape check is made of (shapes.ts, guest-shapes.ts). */

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Text up to `max` characters: every free-text field a message carries has a bound. */
export const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
