import type { GroupFacts } from './groups.ts';

/** A thing the file gives (a role, a licence, a redirect host) and how many rows give it. */
export interface Granted {
  name: string;
  rows: number;
}

/** A group the file names: refused groups are listed too, with the rows refused for them. */
export interface GrantedGroup extends GroupFacts {
  rows: number;
  refused: boolean;
}

/**
 * What a file grants, summed over its rows, for the preview to put before the person who starts it: a partner's
 * file may name any group, its own redirect link and the words of the invitation (issue: "the bulk preview hides
 * what each row grants").
 */
export interface BulkGrants {
  groups: GrantedGroup[];
  /** Hosts guests are sent to after signing in, other than the default's. */
  redirectHosts: Granted[];
  /** Invitations that carry the file's own message or display name. */
  customText: number;
  azureRoles: Granted[];
  environmentRoles: Granted[];
  licenses: Granted[];
}
