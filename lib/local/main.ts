import { resolve } from 'node:path';
import { paragraph } from './check-node.cjs';
import { REPO_ROOT, startLocalCloud } from './cloud';
import { ensureWebAppsBuilt } from './console-build';
import { DEMO_ADMIN_EMAIL, DEMO_MEMBER_CODE, DEMO_STORE } from './demo';
import { StartUpRefusal } from './start-up-refusal';

const startedAt = Date.now();
const port = Number(process.env.PORT ?? 3000);
const inMemory = process.env.CRM_DATA === 'memory';
const dataDir = resolve(REPO_ROOT, process.env.CRM_DATA_DIR || '.data');

const cloud = await startLocalCloud({
  port,
  data: inMemory ? 'memory' : { dir: dataDir },
  logLevel: process.env.CRM_LOG_LEVEL ?? 'WARN',
  adminPassword: process.env.CRM_ADMIN_PASSWORD || undefined,
}).catch((error: Error) => {
  console.error(
    error instanceof StartUpRefusal
      ? paragraph(error.message)
      : `Could not start the local cloud: ${error.message}`,
  );
  process.exit(1);
});

// The staff console and the booking PWA are built when their sources changed since their last build (a hash
// check of a few ms each).
const builds = await ensureWebAppsBuilt({
  onBuild: (app) => console.log(`Building ${app.title} (web/${app.name} changed since its last build)...`),
});
const buildSays = (name: keyof typeof builds, path: string) => {
  const { built, ms, error } = builds[name];
  if (!error) return built ? `built now in ${(ms / 1000).toFixed(1)} s` : 'up to date';
  console.error(`${error.message}\nThe API runs; ${path} answers 503 until it builds.`);
  return 'NOT BUILT (see above)';
};
const consoleBuild = buildSays('console', '/console/');
const bookingBuild = buildSays('booking', '/book/');

const u = cloud.url;
console.log(`
SBM CRM local cloud is up (${((Date.now() - startedAt) / 1000).toFixed(1)} s)

  API             ${u}/v1            (Gateway emulation, REST proxy events, authorizer)
  Staff console   ${u}/console/      (${consoleBuild}; npm run console:dev for hot reload)
  Booking PWA     ${u}/book/         (${bookingBuild}; npm run booking:dev for hot reload)
  API docs        ${u}/docs          (Swagger UI)   OpenAPI: ${u}/v1/openapi.json
  Health          ${u}/health
  EventBridge     ${u}               (AWS_ENDPOINT_URL_EVENTBRIDGE)
  SQS             ${u}               (AWS_ENDPOINT_URL_SQS)
  DynamoDB Local  ${cloud.dynamoEndpoint}  (AWS_ENDPOINT_URL_DYNAMODB; region us-east-1, any credentials)
  WeChat sim      ${u}/_wechat/
  Inspect         ${u}/_local/events  /deliveries  /dlq  /queues  /schedules  /wechat/messages
                  POST ${u}/_local/schedules/{name}/run

  Data            ${inMemory ? 'in memory (CRM_DATA=memory)' : `${dataDir} (delete it to start over; CRM_DATA_DIR chooses another)`}
  Demo data       ${cloud.seeded === 'seeded' ? 'seeded now' : cloud.seeded === 'already-seeded' ? 'seeded earlier' : 'not seeded'}

Demo credentials
  WeChat login code "${DEMO_MEMBER_CODE}" signs in the seeded Demo Member; any other code C signs in
  (or registers) the member with openid "openid-C"; "invalid-code" is refused by the simulator.

  curl -s -X POST ${u}/v1/auth/wechat/login -H 'content-type: application/json' -d '{"code":"${DEMO_MEMBER_CODE}"}'

  Staff console    ${DEMO_ADMIN_EMAIL} / ${cloud.adminPassword}${process.env.CRM_ADMIN_PASSWORD ? ' (CRM_ADMIN_PASSWORD)' : ' (generated; set CRM_ADMIN_PASSWORD to choose)'}
  POS (store ${DEMO_STORE.storeId})  key id ${DEMO_STORE.keyId}, secret ${DEMO_STORE.secret}
                   sign v1=hex(HMAC-SHA256(secret, X-Pos-Timestamp + "." + body)) into X-Pos-Signature

Press Ctrl-C to stop (DynamoDB Local stops with it).
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local cloud...`);
  await cloud.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
