import type { SandboxUser } from '../store.ts';
import { matchPattern } from './dynamic-rule-regex.ts';
import { ruleError } from './dynamic-rule-tokens.ts';
import { userResource } from './users.ts';

/** The properties and comparisons of Entra's dynamic membership rules (sandbox/graph/dynamic-rules.ts). */
type Row = Record<string, unknown>;
export type Value = string | number | boolean | null | Value[];

export const BOOLEAN = ['accountEnabled', 'dirSyncEnabled'];
export const COLLECTION = ['otherMails', 'proxyAddresses'];
const STRING = [
  ...['city', 'country', 'companyName', 'department', 'displayName', 'employeeId', 'givenName', 'jobTitle', 'mail'],
  ...['mailNickName', 'mobile', 'objectId', 'postalCode', 'preferredLanguage', 'state', 'surname', 'usageLocation'],
  ...['userPrincipalName', 'userType'],
];
export const PROPERTIES = new Map([...BOOLEAN, ...COLLECTION, ...STRING].map((p) => [p.toLowerCase(), p]));
const TEXT: Record<string, (a: string, b: string) => boolean> = {
  eq: (a, b) => a === b,
  startswith: (a, b) => a.startsWith(b),
  endswith: (a, b) => a.endsWith(b),
  contains: (a, b) => a.includes(b),
};
export const NEGATED: Record<string, string> = {
  ne: 'eq',
  notstartswith: 'startswith',
  notendswith: 'endswith',
  notcontains: 'contains',
  notmatch: 'match',
  notin: 'in',
};

/** What a rule sees of a user: Graph's user resource, with the rule-only names (objectId, mailNickName). */
export function ruleView(u: SandboxUser): Row {
  return {
    ...userResource(u),
    objectId: u.id,
    mailNickName: u.userPrincipalName.split('@')[0] ?? null,
    dirSyncEnabled: false,
  };
}

export const invalidOperands = () => ruleError('Invalid operands found for operator.');

/** One comparison of a single (string or null) value; the negated operators are the others' opposite. */
export function compare(op: string, operand: Value): (v: unknown) => boolean {
  const positive = NEGATED[op] ?? op;
  const negate = positive !== op;
  let test: (v: unknown) => boolean;
  if (positive === 'in') {
    if (!Array.isArray(operand)) throw invalidOperands();
    const tests = operand.map((o) => compare('eq', o));
    test = (v) => tests.some((t) => t(v));
  } else if (operand === null || typeof operand === 'boolean') {
    if (positive !== 'eq') throw invalidOperands();
    test = (v) => (v ?? null) === operand;
  } else if (typeof operand !== 'string' && typeof operand !== 'number') {
    throw invalidOperands();
  } else if (positive === 'match') {
    const re = matchPattern(String(operand), invalidOperands);
    test = (v) => typeof v === 'string' && re.test(v);
  } else {
    const text = TEXT[positive];
    if (!text) throw ruleError(`Operator '-${op}' is not supported.`);
    const b = String(operand).toLowerCase();
    test = (v) => typeof v === 'string' && text(v.toLowerCase(), b);
  }
  return negate ? (v) => !test(v) : test;
}
