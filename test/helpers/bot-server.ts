import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { type App, type AppDeps, createApp } from '../../bot/app';
import type { Config, GraphConfig } from '../../bot/config';
import type { Clock, Stores } from '../../bot/domain/ports';
import type { PipelineOptions } from '../../bot/delivery/send-pipeline';
import { createLogger } from '../../bot/log';
import { AzureTableService } from '../../storage/azure-table';
import { createStores } from '../../storage';
import { azuriteConnectionString, uniquePrefix } from './azurite';

export interface TestBot {
  url: string;
  stores: Stores;
  app: App;
  close(): Promise<void>;
}

export interface TestBotOptions {
  stores?: Stores;
  allowedTenants?: string[];
  clock?: Clock;
  botAuth?: Config['botAuth'];
  credentialsFactory?: ServiceClientCredentialsFactory;
  pipeline?: PipelineOptions;
  /** Installs through Microsoft Graph (HYTE_GRAPH_INSTALL=true), e.g. at a GraphEmulator. */
  graph?: GraphConfig;
  /** More of the server's configuration (organisers, file hosts, public URL…). */
  config?: Partial<AppDeps['config']>;
}

/** Stores on the test run's Azurite, in tables nobody else uses. */
export function azuriteStores(): Stores {
  return createStores(
    new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix()),
  );
}

/** The real server (restify + CloudAdapter) on a free loopback port. */
export async function startBot(options: TestBotOptions = {}): Promise<TestBot> {
  const stores = options.stores ?? azuriteStores();
  const app = createApp({
    config: {
      botAuth: options.botAuth ?? {},
      allowedTenants: options.allowedTenants ?? [],
      timeZone: 'Europe/Helsinki',
      ...(options.graph ? { graph: options.graph } : {}),
      ...options.config,
    },
    stores,
    log: createLogger(process.env.TEST_LOG ?? 'silent'),
    clock: options.clock,
    credentialsFactory: options.credentialsFactory,
    pipeline: options.pipeline,
  });
  const { port } = await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    stores,
    app,
    close: async () => void (await app.close()),
  };
}

export interface Posted {
  status: number;
  body: unknown;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Posted> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}
