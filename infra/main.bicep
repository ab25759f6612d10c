// hyte-bot on Azure: Linux App Service (Node 24) + Storage Account (Table Storage) + Azure Bot
// with the Teams channel, a Key Vault for the app's secrets, and Application Insights on a Log
// Analytics workspace. The app authenticates to Table Storage as a user-assigned managed
// identity (AZURE_TABLES_ENDPOINT + DefaultAzureCredential). To the Bot Framework it is, by
// default, that same identity (MicrosoftAppType=UserAssignedMSI): no bot password at all, but
// a managed identity lives in one tenant, so the bot then reaches people only in the county's
// tenant (members and B2B guests). For municipalities in their own tenants, pass
// botAppType=SingleTenant with a multi-tenant app registration (sign-in audience
// AzureADMultipleOrgs) in botAppId/botAppPassword: a single-tenant Azure Bot whose app
// registration other tenants' administrators can consent to.
//
// Secrets (the jobs secret, the link secret and, with SingleTenant, the bot password) go from
// secure parameters into Key Vault secrets only. The app settings hold Key Vault references
// (@Microsoft.KeyVault(SecretUri=...)), which App Service resolves as the managed identity
// (keyVaultReferenceIdentity; role "Key Vault Secrets User" on the vault). No secret is in a
// plain app setting or an output.
//
// Deploy `dist/app.zip` from `npm run bundle` (see README). It holds compiled JavaScript and
// its production dependencies, installed and pruned when bundling: App Service runs exactly
// that (no build step), with `npm start`, which serves dist/ directly.

@description('Short lowercase name used in every resource name, e.g. hyte-psshva')
@minLength(3)
@maxLength(16)
param name string

param location string = resourceGroup().location

@description('Entra tenant ids allowed to use the bot (comma-separated); your own tenant at least: with NODE_ENV=production the bot refuses to start without it')
param allowedTenants string = subscription().tenantId

@description('Bearer secret for POST /api/jobs/reminders (an external timer may call it)')
@secure()
param jobsSecret string

@description('HMAC key for signed report links')
@secure()
param linkSecret string

@description('UserAssignedMSI: the county tenant only. SingleTenant: a multi-tenant app registration (botAppId) that other tenants allow')
@allowed(['UserAssignedMSI', 'SingleTenant'])
param botAppType string = 'UserAssignedMSI'

@description('With botAppType=SingleTenant: client id of the app registration (sign-in audience AzureADMultipleOrgs)')
param botAppId string = ''

@description('With botAppType=SingleTenant: a client secret of that app registration')
@secure()
param botAppPassword string = ''

@description('true: people no chat or roster reaches are looked up and the app installed for them through Microsoft Graph (grant the Graph application permissions first: README, Deploying to Azure)')
param graphInstall bool = false

@allowed(['B1', 'P0v3', 'P1v3'])
param sku string = 'B1'

var storageName = toLower(replace('${name}st${uniqueString(resourceGroup().id)}', '-', ''))
var appName = '${name}-app-${uniqueString(resourceGroup().id)}'
var multiTenant = botAppType == 'SingleTenant'
var botClientId = multiTenant ? botAppId : identity.properties.clientId
// 3-24 letters, digits and hyphens, starting with a letter; `name` starts the name.
var vaultName = take('${name}kv${uniqueString(resourceGroup().id)}', 24)
var botPasswordSecretName = 'bot-app-password'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // managed identity only
    supportsHttpsTrafficOnly: true
  }
}

// Storage Table Data Contributor
var tableDataContributor = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
)

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, tableDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: tableDataContributor
  }
}

// The app's secrets. RBAC, not access policies: the identity may read secrets, nothing else.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled' // App Service resolves references without a virtual network
  }
}

resource jobsSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'hyte-jobs-secret'
  properties: {
    value: jobsSecret
    contentType: 'HYTE_JOBS_SECRET'
  }
}

resource linkSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'hyte-link-secret'
  properties: {
    value: linkSecret
    contentType: 'HYTE_LINK_SECRET'
  }
}

resource botPasswordValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (multiTenant) {
  parent: vault
  name: botPasswordSecretName
  properties: {
    value: botAppPassword
    contentType: 'MicrosoftAppPassword'
  }
}

// Secret URIs without a version: App Service follows a new version of a secret (within a day,
// at once when the app's settings change). This one is built from the vault, as the secret
// exists only with SingleTenant.
var botPasswordReference = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${botPasswordSecretName})'

// Key Vault Secrets User: read secret values, no other rights.
var secretsUser = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '4633458b-17de-408a-b874-0445c86b69e6'
)

resource secretsAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, secretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: secretsUser
  }
}

// Telemetry: the bot sends traces, metrics and logs through OpenTelemetry when
// APPLICATIONINSIGHTS_CONNECTION_STRING is set (README, "Telemetry").
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: 30
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: sku }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  // The references resolve at start: the secrets and the right to read them come first.
  dependsOn: [
    secretsAccess
    botPasswordValue
  ]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references are resolved as this identity (not a system-assigned one).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'npm start'
      alwaysOn: sku != 'B1' ? true : false
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        // The artefact carries its pruned node_modules: no install or build on App Service.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'MicrosoftAppType', value: botAppType }
        { name: 'MicrosoftAppId', value: botClientId }
        // Secrets as Key Vault references only (the bot password with SingleTenant; none otherwise).
        { name: 'MicrosoftAppPassword', value: multiTenant ? botPasswordReference : '' }
        { name: 'MicrosoftAppTenantId', value: subscription().tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AZURE_TABLES_ENDPOINT', value: storage.properties.primaryEndpoints.table }
        { name: 'HYTE_ALLOWED_TENANTS', value: allowedTenants }
        { name: 'HYTE_GRAPH_INSTALL', value: graphInstall ? 'true' : 'false' }
        { name: 'HYTE_JOBS_SECRET', value: '@Microsoft.KeyVault(SecretUri=${jobsSecretValue.properties.secretUri})' }
        { name: 'HYTE_LINK_SECRET', value: '@Microsoft.KeyVault(SecretUri=${linkSecretValue.properties.secretUri})' }
        { name: 'HYTE_PUBLIC_URL', value: 'https://${appName}.azurewebsites.net' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // The cloud role in Application Insights; resource detectors that need no network
        // (the Azure VM one asks a metadata endpoint App Service does not have).
        { name: 'OTEL_SERVICE_NAME', value: 'hyte-bot' }
        { name: 'OTEL_NODE_RESOURCE_DETECTORS', value: 'env,host,os,process,azure_app_service' }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'HYTE-botti'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppId: botClientId
    msaAppType: botAppType
    msaAppTenantId: subscription().tenantId
    msaAppMSIResourceId: multiTenant ? null : identity.id
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output appName string = app.name
output botId string = botClientId
output botDomain string = app.properties.defaultHostName
output tablesEndpoint string = storage.properties.primaryEndpoints.table
output insightsName string = insights.name
output keyVaultName string = vault.name
// The managed identity's service principal, for granting it Microsoft Graph permissions.
output identityPrincipalId string = identity.properties.principalId
