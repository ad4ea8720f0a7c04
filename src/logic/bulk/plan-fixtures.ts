import type { FoundUser } from '../../common/operation.ts';
import type { GroupFacts } from './groups.ts';

/** Test data for planning a job: a guest who already exists, and groups as the look-up describes them. */
export const PAT: FoundUser = {
  id: 'pat-id',
  mail: 'pat@partner.example',
  displayName: 'Pat',
  userPrincipalName: 'pat_partner.example#EXT#@contoso.example',
  userType: 'Guest',
  invited: true,
};

export const group = (id: string, displayName: string, over: Partial<GroupFacts> = {}): GroupFacts => ({
  id,
  displayName,
  kind: 'security',
  dynamic: false,
  roleAssignable: false,
  ...over,
});
