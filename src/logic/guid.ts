/**
 * The one GUID rule (issue 24: there were four copies). Microsoft's links and answers spell GUIDs in either case, so
 * `isGuid` takes both; what the extension itself writes, and so what its messages carry, is lower case (`isOwnGuid`).
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: unknown): value is string => typeof value === 'string' && GUID.test(value);

/** A GUID as the extension writes it: lower case. */
export const isOwnGuid = (value: unknown): value is string => isGuid(value) && value === value.toLowerCase();
