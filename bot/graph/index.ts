/**
 * Microsoft Graph: installing the bot for people who never opened it, with app-only tokens per
 * tenant. Infrastructure like bot/teams: only the wiring (bot/app.ts) imports it.
 */
import type { GraphConfig } from '../config';
import type { Installer } from '../domain/ports';
import { GraphHttp } from './graph-http';
import { GraphInstaller } from './graph-installer';
import { type CredentialFor, GraphTokens, graphCredentials } from './graph-tokens';

export { GraphTokens, graphCredentials, GRAPH_SCOPE, type TenantToken } from './graph-tokens';

/** The Installer port over Microsoft Graph, as configured. */
export function createGraphInstaller(
  config: GraphConfig,
  options: { credentialFor?: CredentialFor; fetch?: typeof fetch } = {},
): Installer {
  const tokens = new GraphTokens(options.credentialFor ?? graphCredentials(config));
  return new GraphInstaller(
    new GraphHttp(config.url, tokens, options.fetch),
    config.appId,
    config.url,
  );
}
