// The local cloud itself: health, docs, events through the AWS SDK, dead letters and schedules.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it, vi } from 'vitest';
import { buildOpenApiDocument } from '../../lib/http/openapi';
import { call, cloudUrl } from '../support/http';
import { redoclyLint } from '../support/redocly';

describe('the local cloud', () => {
  it('reports health and serves OpenAPI 3.1 with every route, and Swagger UI', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    const openapi = await call<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/v1/openapi.json',
    );
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/auth/wechat/login',
        '/v1/auth/refresh',
        '/v1/auth/logout',
        '/v1/customers/me',
        '/v1/loyalty/me',
        '/v1/notifications/me',
      ]),
    );
    const docs = await fetch(`${cloudUrl()}/docs`);
    expect(await docs.text()).toContain('swagger-ui');
    expect((await fetch(`${cloudUrl()}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it("serves the document of npm run openapi with its own address as server, and Redocly's rules pass it", async () => {
    const { body } = await call('GET', '/v1/openapi.json');
    expect(body).toEqual(buildOpenApiDocument(cloudUrl()));
    const { totals, problems } = redoclyLint(body);
    expect(problems).toEqual([]);
    expect(totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('dead-letters a poison event after its retries', async () => {
    const client = new EventBridgeClient({
      endpoint: cloudUrl(),
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const marker = `poison-${Date.now()}`;
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'sbm-crm',
            Source: 'sbm.crm.customers',
            DetailType: 'CustomerRegistered',
            Detail: JSON.stringify({ metadata: { eventId: marker }, data: { customerId: 42 } }),
          },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(0);
    await vi.waitFor(
      async () => {
        const dlq = await call<{
          events: {
            target: string;
            attempts: number;
            error: string;
            event: { detail: { metadata: { eventId: string } } };
          }[];
        }>('GET', '/_local/dlq');
        const letters = dlq.body.events.filter((letter) => letter.event.detail.metadata.eventId === marker);
        expect(letters.map((letter) => letter.target).sort()).toEqual([
          'awardRegistrationCampaigns',
          'openPointsAccount',
          'welcomeNewMember',
        ]);
        for (const letter of letters) {
          expect(letter.attempts).toBe(3);
          expect(letter.error).toMatch(/does not match the catalogue/);
        }
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('runs a schedule on demand', async () => {
    const run = await call('POST', '/_local/schedules/refreshWeChatToken/run');
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ schedule: 'refreshWeChatToken', outcome: 'succeeded' });
    expect((await call('POST', '/_local/schedules/nope/run')).status).toBe(404);
  });

  it('lists the queues with their dead-letter queues', async () => {
    const queues = await call<{ items: { name: string; deadLetters: unknown[] }[] }>('GET', '/_local/queues');
    expect(queues.body.items.map((queue) => queue.name)).toContain('sbm-crm-local-PosTransactions');
  });
});
