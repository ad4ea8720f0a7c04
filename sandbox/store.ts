import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SandboxUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  otherMails?: string[];
  password?: string;
  userType: 'Member' | 'Guest';
  externalUserState?: 'PendingAcceptance' | 'Accepted' | null;
  externalUserStateChangeDateTime?: string | null;
  creationType?: string | null;
  createdDateTime?: string;
  usageLocation?: string | null;
  directoryRoles: string[];
}

export interface SandboxGroup {
  id: string;
  displayName: string;
  mailNickname: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  members: string[];
  owners: string[];
}

export interface SandboxApplication {
  appId: string;
  displayName: string;
  spaRedirectUris: string[];
  consentedScopes: string[];
}

export interface SandboxPowerBiApp {
  id: string;
  name: string;
  workspaceId: string;
}

export interface SandboxTenant {
  id: string;
  displayName: string;
  initialDomain: string;
  verifiedDomains: string[];
  authorizationPolicy: { allowInvitesFrom: string; guestUserRoleId: string };
  applications: SandboxApplication[];
  users: SandboxUser[];
  groups: SandboxGroup[];
  powerbi?: { apps: SandboxPowerBiApp[] };
}

export interface SandboxState {
  tenants: SandboxTenant[];
}

const here = dirname(fileURLToPath(import.meta.url));
export const seedFile = join(here, 'seed.json');

function readSeed(): SandboxState {
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as SandboxState & { about?: string };
  return { tenants: seed.tenants };
}

/** The sandbox's directory. Every change is written through to `file`, so state survives restarts. */
export class Store {
  state: SandboxState;

  constructor(readonly file: string) {
    this.state = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SandboxState) : readSeed();
    this.save();
  }

  reset(): void {
    this.state = readSeed();
    this.save();
  }

  save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.state, null, 2));
  }

  tenant(id: string): SandboxTenant | undefined {
    const key = id.toLowerCase();
    return this.state.tenants.find((t) => t.id === key || t.verifiedDomains.some((d) => d.toLowerCase() === key));
  }

  userBySignInName(tenant: SandboxTenant, name: string): SandboxUser | undefined {
    const key = name.trim().toLowerCase();
    return tenant.users.find((u) => u.password && u.userPrincipalName.toLowerCase() === key);
  }

  application(tenant: SandboxTenant, appId: string): SandboxApplication | undefined {
    return tenant.applications.find((a) => a.appId === appId);
  }
}
