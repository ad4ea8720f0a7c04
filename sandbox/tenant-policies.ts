/**
 * Tenant settings that decide whom the tenant may invite, as the sandbox keeps them: Entra's cross-tenant access
 * settings (Graph `crossTenantAccessPolicy`) and the B2B allow/deny list ("collaboration restrictions" in External
 * collaboration settings).
 */

/** Graph's crossTenantAccessPolicyTarget: a user, group or app id, or `AllUsers` / `AllApplications`. */
export interface CrossTenantTarget {
  target: string;
  targetType: 'user' | 'group' | 'application';
}

/** Graph's crossTenantAccessPolicyTargetConfiguration. */
export interface CrossTenantTargets {
  accessType: 'allowed' | 'blocked';
  targets: CrossTenantTarget[];
}

/** Graph's crossTenantAccessPolicyB2BSetting: who (usersAndGroups) may use which apps (applications). */
export interface CrossTenantB2bSetting {
  usersAndGroups?: CrossTenantTargets | null;
  applications?: CrossTenantTargets | null;
}

/** The B2B collaboration part of a default or partner configuration; a partner's null inherits the default. */
export interface CrossTenantB2b {
  b2bCollaborationInbound?: CrossTenantB2bSetting | null;
  b2bCollaborationOutbound?: CrossTenantB2bSetting | null;
  b2bDirectConnectInbound?: CrossTenantB2bSetting | null;
  b2bDirectConnectOutbound?: CrossTenantB2bSetting | null;
}

export interface CrossTenantAccess {
  /** Absent: Entra's service default (all B2B collaboration allowed, direct connect blocked). */
  default?: CrossTenantB2b;
  partners: (CrossTenantB2b & { tenantId: string; isServiceProvider?: boolean })[];
}

/**
 * The B2B allow/deny list (learn: entra/external-id/allow-deny-list): one list per tenant, either an allowlist or a
 * denylist of domains; invitations to a domain the list refuses fail. Real Graph v1.0 keeps it in the B2B
 * management policy, which the contract does not cover, so the sandbox sets it through its control API.
 */
export interface CollaborationRestrictions {
  mode: 'allowAll' | 'allowList' | 'denyList';
  domains: string[];
}
