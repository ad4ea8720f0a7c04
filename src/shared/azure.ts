/** Azure roles as the popup offers them. */
export interface AzureRoleOption {
  /** Role definition GUID. */
  id: string;
  name: string;
  description: string;
  /** Why it needs confirmation (too broad), or null. */
  risk: string | null;
}

export interface AzureAssignment {
  scope: string;
  roleId: string;
  kind: 'active' | 'eligible';
  /** ISO end of an eligibility; null when permanent. */
  endDateTime: string | null;
  /** How long the assignment waited for the new guest to reach Azure (PrincipalNotFound). */
  waitedMs: number;
}

export interface AzureRoles {
  suggested: AzureRoleOption[];
  all: AzureRoleOption[];
  /** Whether the signed-in user holds Microsoft.Authorization/roleAssignments/write at this scope. */
  mayAssign: boolean;
}
