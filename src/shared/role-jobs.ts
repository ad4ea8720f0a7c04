import { own } from './own.ts';

/**
 * The jobs people most often give an external person, per resource type, in plain words. Roles are matched by
 * Microsoft's built-in names; a name Azure does not offer at the scope is simply left out.
 */
const EVERYWHERE: [string, string][] = [
  ['Reader', 'see everything here, change nothing'],
  ['Monitoring Reader', 'read metrics, logs and alerts'],
];

const BY_TYPE: Record<string, [string, string][]> = {
  'microsoft.storage/storageaccounts': [
    ['Storage Blob Data Reader', 'read blob data'],
    ['Storage Blob Data Contributor', 'read, write and delete blob data'],
    ['Storage Queue Data Reader', 'read queue messages'],
    ['Storage Table Data Reader', 'read table data'],
    ['Storage File Data SMB Share Reader', 'read files in the file shares'],
    ['Storage Account Contributor', 'manage this storage account, but not who has access'],
  ],
  'microsoft.keyvault/vaults': [
    ['Key Vault Reader', "see the vault's settings, not its secrets"],
    ['Key Vault Secrets User', 'read secret values'],
    ['Key Vault Certificate User', 'read certificates'],
    ['Key Vault Crypto User', 'use the keys to encrypt, decrypt and sign'],
    ['Key Vault Secrets Officer', 'read, create and delete secrets'],
  ],
  'microsoft.web/sites': [['Website Contributor', 'manage this web app, but not who has access']],
  'microsoft.web/serverfarms': [['Web Plan Contributor', 'manage this App Service plan, but not who has access']],
  'microsoft.sql/servers/databases': [['SQL DB Contributor', 'manage this database, but not its security or who has access']],
  'microsoft.sql/servers': [['SQL Server Contributor', 'manage this server and its databases, but not its security']],
  'microsoft.compute/virtualmachines': [
    ['Virtual Machine User Login', 'sign in to this VM as a regular user'],
    ['Virtual Machine Administrator Login', 'sign in to this VM as an administrator'],
    ['Virtual Machine Contributor', 'manage this VM, but not who has access or the network it is on'],
  ],
  'microsoft.containerregistry/registries': [['AcrPull', 'pull container images']],
  'microsoft.documentdb/databaseaccounts': [['Cosmos DB Account Reader Role', 'read the account and its keys for reading']],
  'microsoft.datafactory/factories': [['Data Factory Contributor', 'build and run pipelines in this data factory']],
  'microsoft.logic/workflows': [
    ['Logic App Operator', 'read, enable and run this logic app, not edit it'],
    ['Logic App Contributor', 'edit and run this logic app, but not who has access'],
  ],
  'microsoft.containerservice/managedclusters': [
    ['Azure Kubernetes Service Cluster User Role', "get this cluster's user credentials"],
  ],
  'microsoft.network/virtualnetworks': [['Network Contributor', 'manage networks, but not who has access']],
  'microsoft.resources/resourcegroups': [
    ['Cost Management Reader', 'see costs and budgets'],
    ['Log Analytics Reader', 'read logs and monitoring data'],
  ],
  'microsoft.resources/subscriptions': [
    ['Cost Management Reader', 'see costs and budgets'],
    ['Billing Reader', 'read billing data'],
  ],
};

/** Plain words for the common jobs at a resource type, role name -> words. */
export function commonJobs(resourceType: string): Map<string, string> {
  return new Map([...(own(BY_TYPE, resourceType.toLowerCase()) ?? []), ...EVERYWHERE]);
}

/** A role's plain words when it is a common job here; otherwise the first sentence of Microsoft's description. */
export function roleWords(roleName: string, description: string, jobs: Map<string, string>): string {
  return jobs.get(roleName) ?? description.split(/(?<=\.)\s/)[0] ?? description;
}
