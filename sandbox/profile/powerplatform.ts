import type { SandboxEnvironment, SandboxPowerPlatform, SandboxRole } from '../powerplatform/model.ts';
import type { SandboxGroup, SandboxUser } from '../store.ts';
import { DEPARTMENTS, REGIONS, slug } from './names.ts';
import type { Random } from './random.ts';
import { PROFILE_NOW } from './users.ts';

const SKUS: SandboxEnvironment['environmentSku'][] = ['Production', 'Production', 'Sandbox', 'Developer', 'Trial', 'Teams'];
const GEOGRAPHIES = [
  { location: 'unitedstates', azureRegion: 'westus', crm: 'crm' },
  { location: 'europe', azureRegion: 'westeurope', crm: 'crm4' },
  { location: 'unitedkingdom', azureRegion: 'uksouth', crm: 'crm11' },
  { location: 'asia', azureRegion: 'southeastasia', crm: 'crm5' },
];

/** Microsoft's standard roles (their role template ids, as in the seed) and one custom role, new ids each time. */
function roles(random: Random): [SandboxRole, ...SandboxRole[]] {
  return [
    {
      roleid: random.uuid(),
      name: 'Basic User',
      roletemplateid: '236750cd-45ae-4939-ab12-b24b920ced93',
      privileges: ['prvReadAccount'],
    },
    { roleid: random.uuid(), name: 'Environment Maker', privileges: ['prvCreateCanvasApp', 'prvCreateWorkflow'] },
    {
      roleid: random.uuid(),
      name: 'System Administrator',
      roletemplateid: '627090ff-40a3-4053-8790-584edc5be201',
      privileges: ['prvAssignRole', 'prvCreateRole', 'prvWriteRole', 'prvCreateEntity', 'prvWriteEntity'],
    },
    { roleid: random.uuid(), name: 'Partner Reader', privileges: ['prvReadAccount', 'prvReadContact'] },
  ];
}

/**
 * Environments up to `count` in all, beside the seeded ones: about a third with a Dataverse whose only user is
 * `admin` as System Administrator (as in the seeded ones), some kept to a security group's members.
 */
export function generatePowerPlatform(
  random: Random,
  seeded: SandboxPowerPlatform,
  groups: SandboxGroup[],
  admin: SandboxUser,
  count: number,
): SandboxPowerPlatform {
  const security = groups.filter((g) => g.securityEnabled && !g.groupTypes?.includes('DynamicMembership'));
  const taken = new Set(seeded.environments.map((e) => e.displayName));
  const environments: SandboxEnvironment[] = [];
  while (taken.size < count) {
    const displayName = `Contoso ${random.pick(DEPARTMENTS)} ${random.pick(REGIONS)}`;
    if (taken.has(displayName)) continue;
    taken.add(displayName);
    const geography = random.pick(GEOGRAPHIES);
    const env: SandboxEnvironment = {
      name: random.uuid(),
      displayName,
      location: geography.location,
      azureRegion: geography.azureRegion,
      environmentSku: random.pick(SKUS),
      isDefault: false,
      createdTime: random.dateBefore(PROFILE_NOW, 1200),
      ...(random.chance(0.3) ? { securityGroupId: random.pick(security).id } : {}),
    };
    if (random.chance(0.35)) {
      const domainName = `contoso-${slug(displayName.slice('Contoso '.length))}`;
      const resourceId = random.uuid();
      const dataverseRoles = roles(random);
      const systemAdministrator = dataverseRoles.find((r) => r.name === 'System Administrator') ?? dataverseRoles[0];
      env.dataverse = {
        instanceUrl: `https://${domainName}.${geography.crm}.dynamics.com`,
        resourceId,
        uniqueName: `unq${resourceId.replace(/-/g, '')}`,
        domainName,
        version: '9.2.25073.00188',
        businessUnitId: random.uuid(),
        roles: dataverseRoles,
        users: [
          {
            systemuserid: random.uuid(),
            azureactivedirectoryobjectid: admin.id,
            fullname: admin.displayName,
            firstname: admin.displayName.split(' ')[0] ?? null,
            lastname: admin.displayName.split(' ').slice(1).join(' ') || null,
            domainname: admin.userPrincipalName,
            internalemailaddress: admin.mail ?? null,
            isdisabled: false,
            roles: [systemAdministrator.roleid],
          },
        ],
      };
    }
    environments.push(env);
  }
  return { ...seeded, environments: [...seeded.environments, ...environments] };
}
