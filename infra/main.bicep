// hyte-bot on Azure: Linux App Service (Node 20) + Storage Account (Table Storage) + Azure Bot
// with the Teams channel + Application Insights on a Log Analytics workspace. The app authenticates as one user-assigned managed identity, both
// to the Bot Framework (MicrosoftAppType=UserAssignedMSI) and to Table Storage
// (AZURE_TABLES_ENDPOINT + DefaultAzureCredential): no passwords or keys in app settings.
//
// Deploy `dist/app.zip` from `npm run bundle` (see README). It holds compiled JavaScript, the
// lock file and no node_modules: App Service's build step installs the production dependencies
// on its own Linux image and compiles nothing (the artefact's package.json has no build
// script), then runs `npm start`, which serves dist/ directly.

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

@allowed(['B1', 'P0v3', 'P1v3'])
param sku string = 'B1'

var storageName = toLower(replace('${name}st${uniqueString(resourceGroup().id)}', '-', ''))
var appName = '${name}-app-${uniqueString(resourceGroup().id)}'

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
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm start'
      alwaysOn: sku != 'B1' ? true : false
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        // Build = `npm install` of production dependencies from the artefact's lock file.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: subscription().tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AZURE_TABLES_ENDPOINT', value: storage.properties.primaryEndpoints.table }
        { name: 'HYTE_ALLOWED_TENANTS', value: allowedTenants }
        { name: 'HYTE_JOBS_SECRET', value: jobsSecret }
        { name: 'HYTE_LINK_SECRET', value: linkSecret }
        { name: 'HYTE_PUBLIC_URL', value: 'https://${appName}.azurewebsites.net' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // The telemetry packages are optional dependencies, left out of a plain install.
        { name: 'NPM_CONFIG_INCLUDE', value: 'optional' }
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
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppTenantId: subscription().tenantId
    msaAppMSIResourceId: identity.id
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
output botId string = identity.properties.clientId
output botDomain string = app.properties.defaultHostName
output tablesEndpoint string = storage.properties.primaryEndpoints.table
output insightsName string = insights.name
