import { t } from '../../../common/i18n.ts';
import { own } from '../../../logic/own.ts';

/** Role name, and its job in words (read when asked, so in the browser's language). */
type Job = [string, () => string];

/**
 * The jobs people most often give an external person, per resource type, in plain words. Roles are matched by
 * Microsoft's built-in names; a name Azure does not offer at the scope is simply left out.
 */
const EVERYWHERE: Job[] = [
  ['Reader', () => t('jobReader')],
  ['Monitoring Reader', () => t('jobMonitoringReader')],
];

const BY_TYPE: Record<string, Job[]> = {
  'microsoft.storage/storageaccounts': [
    ['Storage Blob Data Reader', () => t('jobBlobReader')],
    ['Storage Blob Data Contributor', () => t('jobBlobContributor')],
    ['Storage Queue Data Reader', () => t('jobQueueReader')],
    ['Storage Table Data Reader', () => t('jobTableReader')],
    ['Storage File Data SMB Share Reader', () => t('jobFileShareReader')],
    ['Storage Account Contributor', () => t('jobStorageAccount')],
  ],
  'microsoft.keyvault/vaults': [
    ['Key Vault Reader', () => t('jobVaultReader')],
    ['Key Vault Secrets User', () => t('jobSecretsUser')],
    ['Key Vault Certificate User', () => t('jobCertificateUser')],
    ['Key Vault Crypto User', () => t('jobCryptoUser')],
    ['Key Vault Secrets Officer', () => t('jobSecretsOfficer')],
  ],
  'microsoft.web/sites': [['Website Contributor', () => t('jobWebsite')]],
  'microsoft.web/serverfarms': [['Web Plan Contributor', () => t('jobWebPlan')]],
  'microsoft.sql/servers/databases': [['SQL DB Contributor', () => t('jobSqlDatabase')]],
  'microsoft.sql/servers': [['SQL Server Contributor', () => t('jobSqlServer')]],
  'microsoft.compute/virtualmachines': [
    ['Virtual Machine User Login', () => t('jobVmUserLogin')],
    ['Virtual Machine Administrator Login', () => t('jobVmAdminLogin')],
    ['Virtual Machine Contributor', () => t('jobVmContributor')],
  ],
  'microsoft.containerregistry/registries': [['AcrPull', () => t('jobAcrPull')]],
  'microsoft.documentdb/databaseaccounts': [['Cosmos DB Account Reader Role', () => t('jobCosmosReader')]],
  'microsoft.datafactory/factories': [['Data Factory Contributor', () => t('jobDataFactory')]],
  'microsoft.logic/workflows': [
    ['Logic App Operator', () => t('jobLogicOperator')],
    ['Logic App Contributor', () => t('jobLogicContributor')],
  ],
  'microsoft.containerservice/managedclusters': [['Azure Kubernetes Service Cluster User Role', () => t('jobAksUser')]],
  'microsoft.network/virtualnetworks': [['Network Contributor', () => t('jobNetwork')]],
  'microsoft.resources/resourcegroups': [
    ['Cost Management Reader', () => t('jobCostReader')],
    ['Log Analytics Reader', () => t('jobLogAnalyticsReader')],
  ],
  'microsoft.resources/subscriptions': [
    ['Cost Management Reader', () => t('jobCostReader')],
    ['Billing Reader', () => t('jobBillingReader')],
  ],
};

/** Plain words for the common jobs at a resource type, role name -> words. */
export function commonJobs(resourceType: string): Map<string, string> {
  return new Map([...(own(BY_TYPE, resourceType.toLowerCase()) ?? []), ...EVERYWHERE].map(([name, words]) => [name, words()]));
}

/** A role's plain words when it is a common job here; otherwise the first sentence of Microsoft's description. */
export function roleWords(roleName: string, description: string, jobs: Map<string, string>): string {
  return jobs.get(roleName) ?? description.split(/(?<=\.)\s/)[0] ?? description;
}
