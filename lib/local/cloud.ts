import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { generateKeyring } from '../auth/tokens';
import { generateSecretBoxKey } from '../pos/secret-box';
import { generateCursorKey } from '../db/cursor';
import { tables } from '../db/tables';
import {
  EVENT_BUFFER_MAX_RECEIVE_COUNT,
  eventPatternFor,
  EVENT_TARGET_RETRY_ATTEMPTS,
  PLATFORM_BUS_NAME,
} from '../events/rules';
import {
  apiThrottle,
  API_GATEWAY_MAX_PAYLOAD_BYTES,
  gatewayProblemDocument,
  posKeyThrottle,
  posUsagePlanName,
} from '../http/gateway';
import type { RouteContract } from '../http/route';
import { declarations } from '../manifest';
import type { FunctionDeclaration } from '../manifest/types';
import { queues, type QueueDefinition } from '../queues/definitions';
import { LocalApiGateway } from './api-gateway';
import { dispatchAwsJson } from './aws-protocol';
import { recordDataFormat, refuseNewerDataFormat } from './data-format';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localTableName,
  startLocalDynamo,
  type LocalDynamo,
} from './dynamodb';
import { LocalEventBridge, type PublishedEvent } from './eventbridge';
import { ensureJavaRuntime } from './java-runtime';
import { LocalLambdas, type AroundInvoke } from './lambda';
import { portInUse } from './ports';
import { LocalScheduler } from './scheduler';
import {
  oneTimeScheduleDlqName,
  oneTimeScheduleGroupName,
  oneTimeSchedulerRoleName,
  oneTimeTargetEnvVar,
} from '../schedules/one-time';
import { installTelemetrySink } from '../observability/telemetry-sink';
import { LocalTelemetry, MAX_TRACES, type TriggerKind } from './telemetry';
import { LocalSqs, type LocalQueueConfig } from './sqs';
import { LocalUsagePlans } from './usage-plans';
import { SmsSimulator } from './sms-simulator';
import { WeChatSimulator } from './wechat-simulator';
import { LOCAL_MEDIA_BUCKET, LOCAL_MEDIA_PATH, LOCAL_S3_PATH, LocalS3 } from './s3';
import { swaggerUiPage, serveSwaggerAsset } from './docs';
import { BOOKING_APP, CONSOLE_APP, serveWebApp } from './console';
import { BOOKING_DIST, CONSOLE_DIST } from './console-build';
import { LocalArchive, useProcessArchive } from '../analytics/archive/local-archive';

/** The SQS buffer of an event consumer that takes its events in batches. */
const eventBufferQueueName = (functionName: string) => `sbm-crm-local-${functionName}-events`;

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  port: number;
  /** `memory`, or a folder that keeps DynamoDB Local's files and local secrets between starts. */
  data: 'memory' | { dir: string };
  /** DynamoDB Local's port; a free one if not given. */
  dynamoPort?: number;
  /** Powertools log level of the handlers. */
  logLevel?: string;
  /** First retry delay of event deliveries; EventBridge uses minutes, a laptop wants milliseconds. */
  eventRetryBaseDelayMs?: number;
  /** How long a received SQS message stays invisible before a retry. */
  queueVisibilityTimeoutMs?: number;
  seedDemoData?: boolean;
  /** The demo admin's password; otherwise one generated for (and kept with) the data folder. */
  adminPassword?: string;
  /**
   * Runs around every function invocation: whatever it answers or throws is the invocation's outcome.
   * Fault-injection tests fail start-ups and time invocations out with it.
   */
  aroundInvoke?: AroundInvoke;
  /** The built staff console served under /console/; web/console/dist unless given. */
  consoleDir?: string;
  /** The built member booking PWA served under /book/; web/booking/dist unless given. */
  bookingDir?: string;
}

export interface LocalCloud {
  url: string;
  dynamoEndpoint: string;
  /** DynamoDB Local's process id. */
  dynamoPid: number | undefined;
  eventBridge: LocalEventBridge;
  sqs: LocalSqs;
  scheduler: LocalScheduler;
  wechat: WeChatSimulator;
  sms: SmsSimulator;
  api: LocalApiGateway;
  /** The event archive: `.data/archive/` with a data folder, else in memory. */
  archive: LocalArchive;
  /** Traces and counters of the functions' invocations (`/_local/traces/{id}`, `/_local/metrics`). */
  telemetry: LocalTelemetry;
  seeded: 'seeded' | 'already-seeded' | 'skipped';
  adminPassword: string;
  stop(): Promise<void>;
}

const WECHAT_APPID = 'wx-local-demo-app';
/** The local demo Official Account, whose web authorisation signs members in to the booking PWA. */
export const WECHAT_OFFICIAL_ACCOUNT_APPID = 'wx-local-demo-official-account';
/** The message push token of the local demo app (WeChat signs pushes with it). */
export const WECHAT_PUSH_TOKEN = 'local-push-token';

interface LocalSecrets {
  keyring: ReturnType<typeof generateKeyring>;
  wechatSecret: string;
  wechatOfficialAccountSecret: string;
  /** The EncodingAESKey of the demo app's message push (safe mode): 43 base64 characters. */
  wechatEncodingAesKey: string;
  posSecretBox: string;
  staffSecretBox: string;
  cursorKey: string;
  adminPassword: string;
}

/** Secrets of the local cloud: generated, and kept (mode 600, git-ignored) with a data folder. */
function localSecrets(data: LocalCloudOptions['data']): LocalSecrets {
  const fresh = (): LocalSecrets => ({
    keyring: generateKeyring(),
    wechatSecret: `local-${randomBytes(12).toString('hex')}`,
    wechatOfficialAccountSecret: `local-${randomBytes(12).toString('hex')}`,
    wechatEncodingAesKey: randomBytes(32).toString('base64').slice(0, 43),
    posSecretBox: generateSecretBoxKey(),
    staffSecretBox: generateSecretBoxKey(),
    cursorKey: generateCursorKey(),
    adminPassword: randomBytes(12).toString('base64url'),
  });
  if (data === 'memory') return fresh();
  const file = join(data.dir, 'local-secrets.json');
  // Secrets added by later versions are filled in, so an older data folder keeps working.
  if (existsSync(file)) {
    const secrets = { ...fresh(), ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) };
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
    return secrets;
  }
  const secrets = fresh();
  mkdirSync(data.dir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolveBody(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, contentType = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** What /health and the API answer while the cloud starts: a client that waits for 200 can then sign in. */
const STARTING = { status: 'starting' };
const STARTING_PROBLEM = {
  type: 'https://sbm-crm.dev/problems/starting',
  title: 'Starting',
  status: 503,
  code: 'STARTING',
  detail: 'The local cloud is starting; retry in a moment.',
};

/**
 * The whole platform on one machine: DynamoDB Local, and on one port the API Gateway emulation, the
 * EventBridge and SQS endpoints (AWS JSON protocol), schedules, the WeChat simulator, OpenAPI and
 * Swagger UI, and inspection under `/_local/`. Handlers run unchanged, reaching the emulations through
 * the AWS SDK's standard endpoint variables.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  // What the developer can put right is checked before DynamoDB Local starts, so it fails in a moment.
  await ensureJavaRuntime();
  if (options.data !== 'memory') refuseNewerDataFormat(options.data.dir);
  let handleRequest: (request: IncomingMessage, response: ServerResponse) => Promise<void> = async (
    request,
    response,
  ) =>
    new URL(request.url ?? '/', 'http://localhost').pathname === '/health'
      ? send(response, 503, STARTING)
      : send(response, 503, STARTING_PROBLEM, 'application/problem+json');
  // Health and the API answer only once data is seeded and queues and schedules run.
  let ready = false;
  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: Error) => {
      console.error('[local] request failed:', error);
      if (!response.headersSent)
        send(response, 500, gatewayProblemDocument('DEFAULT_5XX'), 'application/problem+json');
    });
  });
  // The port is taken before DynamoDB Local starts: one in use is refused at once, and health answers 503 meanwhile.
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portInUse(options.port) : error),
    );
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  let dynamo: LocalDynamo;
  try {
    dynamo = await startLocalDynamo({
      dataDir: options.data === 'memory' ? undefined : join(options.data.dir, 'dynamodb'),
      port: options.dynamoPort,
    });
  } catch (error) {
    server.closeAllConnections();
    server.close();
    throw error;
  }
  // Whatever fails while wiring up (a rule the matcher cannot evaluate, a bad schedule, seeding), nothing is left running.
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const secrets = localSecrets(options.data);
    const adminPassword = options.adminPassword ?? secrets.adminPassword;
    const wechat = new WeChatSimulator(
      WECHAT_APPID,
      secrets.wechatSecret,
      {
        token: WECHAT_PUSH_TOKEN,
        encodingAesKey: secrets.wechatEncodingAesKey,
      },
      { appid: WECHAT_OFFICIAL_ACCOUNT_APPID, appSecret: secrets.wechatOfficialAccountSecret },
    );
    const sms = new SmsSimulator();

    const sqsQueueNames = Object.values(queues as Record<string, QueueDefinition>).map(
      (queue) => `sbm-crm-local-${queue.id}`,
    );
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: url,
      AWS_ENDPOINT_URL_SQS: url,
      AWS_ENDPOINT_URL_API_GATEWAY: url,
      AWS_ENDPOINT_URL_SCHEDULER: url,
      ONE_TIME_SCHEDULE_GROUP: oneTimeScheduleGroupName('local'),
      ONE_TIME_SCHEDULER_ROLE_ARN: `arn:aws:iam::000000000000:role/${oneTimeSchedulerRoleName('local')}`,
      ONE_TIME_SCHEDULE_DLQ_ARN: `arn:aws:sqs:us-east-1:000000000000:${oneTimeScheduleDlqName('local')}`,
      ...Object.fromEntries(
        declarations().flatMap(([name, d]) =>
          d.trigger.kind === 'oneTime'
            ? [
                [
                  oneTimeTargetEnvVar(name),
                  `arn:aws:lambda:us-east-1:000000000000:function:sbm-crm-local-${name}`,
                ],
              ]
            : [],
        ),
      ),
      AWS_ENDPOINT_URL_S3: `${url}${LOCAL_S3_PATH.replace(/\/$/, '')}`,
      MEDIA_BUCKET_NAME: LOCAL_MEDIA_BUCKET,
      MEDIA_BASE_URL: `${url}${LOCAL_MEDIA_PATH.replace(/\/$/, '')}`,
      POS_USAGE_PLAN_NAME: posUsagePlanName('local'),
      [tables.main.envVar]: localTableName(tables.main),
      [tables.idempotency.envVar]: localTableName(tables.idempotency),
      EVENT_BUS_NAME: PLATFORM_BUS_NAME,
      ...Object.fromEntries(
        Object.values(queues as Record<string, QueueDefinition>).flatMap((queue, i) => [
          [queue.envVar, `${url}/000000000000/${sqsQueueNames[i]}`],
          [queue.deadLetterEnvVars.url, `${url}/000000000000/${sqsQueueNames[i]}-dlq`],
          [queue.deadLetterEnvVars.arn, `arn:aws:sqs:us-east-1:000000000000:${sqsQueueNames[i]}-dlq`],
        ]),
      ),
      JWT_SIGNING_KEYS: JSON.stringify(secrets.keyring),
      POS_SECRET_BOX_KEY_JSON: secrets.posSecretBox,
      STAFF_SECRET_BOX_KEY_JSON: secrets.staffSecretBox,
      CURSOR_KEY_JSON: secrets.cursorKey,
      WECHAT_API_BASE: `${url}/_wechat/`,
      WECHAT_APPID,
      WECHAT_APP_SECRET_JSON: JSON.stringify({
        appSecret: secrets.wechatSecret,
        pushToken: WECHAT_PUSH_TOKEN,
        encodingAesKey: secrets.wechatEncodingAesKey,
      }),
      WECHAT_OFFICIAL_ACCOUNT_SECRET_JSON: JSON.stringify({
        appid: WECHAT_OFFICIAL_ACCOUNT_APPID,
        appSecret: secrets.wechatOfficialAccountSecret,
      }),
      SMS_SIMULATOR_URL: `${url}/_sms/send`,
      WECHAT_TEMPLATE_WELCOME: 'local-welcome-template',
      WECHAT_TEMPLATE_MILESTONE: 'local-milestone-template',
      WECHAT_TEMPLATE_CAMPAIGN: 'local-campaign-template',
      WECHAT_MINIPROGRAM_STATE: 'developer',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'INFO',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_NAMESPACE: 'SbmCrmLocal',
    });

    const functions = Object.fromEntries(declarations()) as Record<string, FunctionDeclaration>;
    const triggerKinds = new Set<string>(['http', 'authorizer', 'event', 'queue', 'schedule', 'oneTime']);
    const telemetry = new LocalTelemetry((name) => {
      const kind = functions[name]?.trigger.kind;
      return kind && triggerKinds.has(kind) ? (kind as TriggerKind) : 'other';
    });
    // The functions' log lines and metric flushes reach the trace view and /_local/metrics.
    installTelemetrySink(telemetry.sink);
    const lambdas = new LocalLambdas(REPO_ROOT, functions, telemetry.around(options.aroundInvoke));
    const entries = declarations();
    const authorizerOf = (scheme: 'bearer' | 'posKey') => {
      for (const [name, d] of entries)
        if (d.trigger.kind === 'authorizer' && d.trigger.scheme === scheme)
          return { functionName: name, cacheTtlSeconds: d.trigger.cacheTtlSeconds };
      throw new Error(`The manifest declares no ${scheme} authorizer`);
    };
    const usagePlans = new LocalUsagePlans(
      [{ id: 'posplan', name: posUsagePlanName('local'), throttle: posKeyThrottle }],
      options.data === 'memory' ? undefined : join(options.data.dir, 'api-keys.json'),
    );

    const api = new LocalApiGateway({
      routes: entries.flatMap(([name, d]) =>
        d.trigger.kind === 'http' ? [{ functionName: name, route: d.trigger.route as RouteContract }] : [],
      ),
      authorizer: authorizerOf('bearer'),
      posKeys: { authorizer: authorizerOf('posKey'), usagePlans },
      invoke: (name, event) => lambdas.invoke(name, event),
      throttle: apiThrottle,
      stage: 'local',
    });
    const batchedConsumers = entries.flatMap(([name, d]) =>
      d.trigger.kind === 'event' && d.trigger.batches ? [{ name, batches: d.trigger.batches }] : [],
    );
    const eventBuffers = new Map<string, string>(
      batchedConsumers.map(({ name }) => [name, eventBufferQueueName(name)]),
    );
    /** A local queue; with a consumer, its event-source mapping as the manifest declares it. */
    const queueConfig = (
      name: string,
      maxReceiveCount: number,
      consumer?: {
        target: string;
        batchSize: number;
        maxBatchingWindowSeconds?: number;
        maxConcurrency: number;
      },
    ): LocalQueueConfig => ({
      name,
      maxReceiveCount,
      visibilityTimeoutMs: options.queueVisibilityTimeoutMs ?? 5000,
      consumer: consumer && {
        target: consumer.target,
        batchSize: consumer.batchSize,
        maxBatchingWindowMs: (consumer.maxBatchingWindowSeconds ?? 0) * 1000,
        maxConcurrency: consumer.maxConcurrency,
      },
    });
    // Every catalogue event is archived as Firehose archives it in the cloud, for the reports' DuckDB.
    const archive = useProcessArchive(
      new LocalArchive(options.data === 'memory' ? undefined : join(options.data.dir, 'archive')),
    );
    const eventBridge = new LocalEventBridge({
      busName: PLATFORM_BUS_NAME,
      onAccepted: (event) => {
        telemetry.eventPublished(event['detail-type']);
        archive.accept(event);
      },
      rules: entries.flatMap(([name, d]) =>
        d.trigger.kind === 'event'
          ? [{ name: `${name}-rule`, pattern: eventPatternFor(d.trigger.events), target: name }]
          : [],
      ),
      // A consumer that takes its events in batches has them put on its buffer queue, as the rule's SQS target.
      invoke: async (name, event: PublishedEvent) =>
        eventBuffers.has(name)
          ? sqs.handle('SendMessage', {
              QueueUrl: sqs.queueUrl(eventBuffers.get(name)!),
              MessageBody: JSON.stringify(event),
            })
          : lambdas.invoke(name, event),
      retryAttempts: EVENT_TARGET_RETRY_ATTEMPTS,
      retryBaseDelayMs: options.eventRetryBaseDelayMs ?? 200,
      onDeadLetter: (letter) =>
        console.error(
          `[events] ${letter.event['detail-type']} to ${letter.target} dead-lettered: ${letter.error}`,
        ),
    });
    const sqs = new LocalSqs(
      url,
      [
        ...batchedConsumers.map(({ name, batches }) =>
          queueConfig(eventBufferQueueName(name), EVENT_BUFFER_MAX_RECEIVE_COUNT, {
            target: name,
            ...batches,
          }),
        ),
        ...Object.entries(queues as Record<string, QueueDefinition>).map(([queueName, queue], i) => {
          const consumer = entries.find(
            ([, d]) => d.trigger.kind === 'queue' && d.trigger.queue === queueName,
          );
          const trigger = consumer?.[1].trigger as
            Extract<FunctionDeclaration['trigger'], { kind: 'queue' }> | undefined;
          return queueConfig(
            sqsQueueNames[i]!,
            queue.maxReceiveCount,
            consumer && trigger && { target: consumer[0], ...trigger },
          );
        }),
      ],
      (name, event: SQSEvent) => lambdas.invoke(name, event),
      { stateFile: options.data === 'memory' ? undefined : join(options.data.dir, 'queues.json') },
    );
    const scheduler = new LocalScheduler(
      entries.flatMap(([name, d]) =>
        d.trigger.kind === 'schedule' ? [{ name, expression: d.trigger.expression, target: name }] : [],
      ),
      (name, event) => lambdas.invoke(name, event),
      {
        stateFile: options.data === 'memory' ? undefined : join(options.data.dir, 'schedules.json'),
        retryBaseDelayMs: options.eventRetryBaseDelayMs ?? 200,
      },
    );

    const s3 = new LocalS3(
      LOCAL_CREDENTIALS,
      options.data === 'memory' ? undefined : join(options.data.dir, 's3'),
    );

    handleRequest = async (request, response) => {
      const requestUrl = new URL(request.url ?? '/', url);
      const path = requestUrl.pathname;
      const method = request.method ?? 'GET';
      // Uploads are binary and larger than the API's payloads: S3 reads its own bodies.
      if (LocalS3.handles(path)) return s3.handle(request, response, path);
      const target = request.headers['x-amz-target'];
      const body = await readBody(request, API_GATEWAY_MAX_PAYLOAD_BYTES);
      if (body === undefined)
        return send(response, 413, gatewayProblemDocument('REQUEST_TOO_LARGE'), 'application/problem+json');

      if (method === 'POST' && typeof target === 'string') {
        const result = await dispatchAwsJson([eventBridge, sqs], target, body);
        return send(response, result.status, result.body, result.contentType);
      }
      // EventBridge Scheduler's REST-JSON API (AWS_ENDPOINT_URL_SCHEDULER): one-time schedules.
      if (path.startsWith('/schedules/')) {
        const result = scheduler.handleApi(method, path, requestUrl.searchParams, body);
        return send(response, result.status, result.body);
      }
      if (LocalUsagePlans.isManagementPath(path)) {
        const result = usagePlans.handle(method, path, body);
        return send(response, result.status, result.body);
      }
      if (path === '/health') return send(response, ready ? 200 : 503, ready ? { status: 'ok' } : STARTING);
      if (path === '/v1/openapi.json') {
        const { buildOpenApiDocument } = await import('../http/openapi');
        // Compact: a client fetches it whole on every load of the docs.
        return send(response, 200, JSON.stringify(buildOpenApiDocument(url)));
      }
      if (path === '/docs' || path === '/docs/')
        return send(response, 200, swaggerUiPage(), 'text/html; charset=utf-8');
      if (path.startsWith('/docs/')) return serveSwaggerAsset(path.slice('/docs/'.length), response);
      if (path === '/console' || path.startsWith(CONSOLE_APP.path))
        return serveWebApp(CONSOLE_APP, options.consoleDir ?? CONSOLE_DIST, path, method, response);
      if (path === '/book' || path.startsWith(BOOKING_APP.path))
        return serveWebApp(BOOKING_APP, options.bookingDir ?? BOOKING_DIST, path, method, response);
      if (path.startsWith('/_wechat/')) {
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          return send(response, 200, { errcode: 47001, errmsg: 'data format error' });
        }
        const result = wechat.handle(
          method,
          path.slice('/_wechat'.length),
          requestUrl.searchParams,
          json,
          request.headers,
        );
        if (result.headers?.location) {
          response.writeHead(result.status, { location: result.headers.location, 'content-length': 0 });
          response.end();
          return;
        }
        return send(response, result.status, result.body);
      }
      if (path === '/_sms/send' || path === '/_local/sms/messages') {
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          return send(response, 400, { message: 'The body is not JSON' });
        }
        const result = sms.handle(method, path, json);
        if (result) return send(response, result.status, result.body);
      }
      if (path.startsWith('/_local/')) return inspect(method, path, requestUrl.searchParams, response);
      if (!ready) return send(response, 503, STARTING_PROBLEM, 'application/problem+json');
      const headers = Object.fromEntries(
        Object.entries(request.headers).flatMap(([name, value]) =>
          value === undefined ? [] : [[name, [value].flat().join(',')]],
        ),
      );
      const result = await api.handle({
        method,
        path,
        query: requestUrl.searchParams,
        headers,
        body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      });
      response.writeHead(result.status, result.headers);
      response.end(result.body);
    };

    const inspect = async (
      method: string,
      path: string,
      query: URLSearchParams,
      response: ServerResponse,
    ) => {
      if (method === 'GET' && path === '/_local/events')
        return send(response, 200, { items: eventBridge.events });
      if (method === 'GET' && path === '/_local/deliveries')
        return send(response, 200, { items: eventBridge.deliveries });
      if (method === 'GET' && path === '/_local/dlq') {
        return send(response, 200, {
          events: eventBridge.deadLetters,
          queues: sqs.snapshot().map((queue) => ({ queue: queue.name, messages: queue.deadLetters })),
          schedules: scheduler.deadLetters,
        });
      }
      if (method === 'GET' && path === '/_local/queues')
        return send(response, 200, { items: sqs.snapshot() });
      if (method === 'GET' && path === '/_local/schedules')
        return send(response, 200, { items: scheduler.snapshot(), runs: scheduler.runs });
      const run = /^\/_local\/schedules\/([\w.-]+)\/run$/.exec(path);
      if (method === 'POST' && run) {
        const group = query.get('group') ?? undefined;
        if (!scheduler.hasAny(run[1]!, group))
          return send(response, 404, { message: `No schedule ${run[1]}` });
        const atParameter = query.get('at');
        const at = atParameter ? new Date(atParameter) : undefined;
        if (at && Number.isNaN(at.getTime()))
          return send(response, 400, { message: 'at must be an ISO 8601 time' });
        const outcome = await scheduler.runAny(run[1]!, at, group);
        return send(response, outcome.outcome === 'succeeded' ? 200 : 500, outcome);
      }
      if (method === 'GET' && path === '/_local/archive') {
        await archive.flush();
        return send(response, 200, archive.summary());
      }
      if (method === 'GET' && path === '/_local/metrics')
        return send(
          response,
          200,
          telemetry.prometheus(
            sqs.snapshot().map((queue) => ({
              name: queue.name,
              messages: queue.messages,
              inFlight: queue.inFlight,
              deadLetters: queue.deadLetters.length,
            })),
          ),
          'text/plain; version=0.0.4; charset=utf-8',
        );
      const traced = /^\/_local\/traces\/([^/]+)$/.exec(path);
      if (method === 'GET' && traced) {
        const correlationId = decodeURIComponent(traced[1]!);
        const trace = telemetry.trace(correlationId);
        return trace
          ? send(response, 200, trace)
          : send(response, 404, { message: `No trace ${correlationId} (the last ${MAX_TRACES} are kept)` });
      }
      if (method === 'GET' && path === '/_local/wechat/messages')
        return send(response, 200, { items: wechat.messages });
      return send(response, 404, { message: 'No such inspection endpoint' });
    };

    let seeded: LocalCloud['seeded'] = 'skipped';
    if (options.data !== 'memory') {
      const { upgradeLocalData } = await import('./upgrade-data');
      await upgradeLocalData(usagePlans, 'posplan');
      recordDataFormat(options.data.dir);
    }
    if (options.seedDemoData !== false) {
      const { seedDemoData } = await import('./seed');
      seeded = await seedDemoData(adminPassword);
    }
    sqs.start();
    scheduler.start();
    ready = true;

    return {
      url,
      dynamoEndpoint: dynamo.endpoint,
      dynamoPid: dynamo.pid,
      eventBridge,
      sqs,
      scheduler,
      wechat,
      sms,
      api,
      archive,
      telemetry,
      seeded,
      adminPassword,
      async stop() {
        ready = false;
        scheduler.stop();
        await sqs.stop();
        await eventBridge.idle();
        await archive.flush();
        server.closeAllConnections();
        await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
        await dynamo.stop();
        installTelemetrySink(undefined);
      },
    };
  } catch (error) {
    server.close();
    await dynamo.stop();
    throw error;
  }
}
