import assert from 'node:assert/strict';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { createLogger } from '../../bot/log';
import { createAdapter } from '../../bot/teams/adapter';

const SERVICE = 'https://smba.trafficmanager.net/emea/';

/** The authentication the adapter was built with (botbuilder keeps it protected). */
function authOf(adapter: ReturnType<typeof createAdapter>): BotFrameworkAuthentication {
  return (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
    .botFrameworkAuthentication;
}

/** Names of the policies in a connector client's HTTP pipeline. */
function policies(client: unknown): string[] {
  const pipeline = (
    client as { client?: { pipeline?: { getOrderedPolicies(): Array<{ name: string }> } } }
  ).client?.pipeline;
  assert.ok(pipeline, 'the client has a pipeline');
  return pipeline.getOrderedPolicies().map((p) => p.name);
}

describe('connector clients of the adapter', () => {
  const activity = { type: 'message', channelId: 'msteams', serviceUrl: SERVICE } as never;

  it('serves every turn from one client per service URL, keeping its retries for replies', async () => {
    const auth = authOf(createAdapter({ botAuth: {} }, createLogger('silent')));
    const clientOfTurn = async (serviceUrl = SERVICE) => {
      const r = await auth.authenticateRequest(activity, '');
      return r.connectorFactory!.create(serviceUrl, r.audience);
    };
    const first = await clientOfTurn();
    assert.equal(await clientOfTurn(), first);
    assert.notEqual(await clientOfTurn('https://smba.trafficmanager.net/amer/'), first);
    assert.ok(policies(first).includes('defaultRetryPolicy'));
    assert.equal(
      await auth.createUserTokenClient(
        (await auth.authenticateRequest(activity, '')).claimsIdentity,
      ),
      await auth.createUserTokenClient(
        (await auth.authenticateRequest(activity, '')).claimsIdentity,
      ),
    );
  });

  it('gives proactive sends their own reused client, without the client’s retry layer', async () => {
    const auth = authOf(createAdapter({ botAuth: {} }, createLogger('silent')));
    const { claimsIdentity, audience } = await auth.authenticateRequest(activity, '');
    const turn = await (
      await auth.authenticateRequest(activity, '')
    ).connectorFactory!.create(SERVICE, audience);
    const proactive = await auth.createConnectorFactory(claimsIdentity).create(SERVICE, audience);
    assert.notEqual(proactive, turn);
    assert.equal(
      await auth.createConnectorFactory(claimsIdentity).create(SERVICE, audience),
      proactive,
    );
    assert.ok(!policies(proactive).includes('defaultRetryPolicy'));
  });
});
