import { inject } from 'vitest';
import { tables } from '../../lib/db/tables';
import { localTableName, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lib/local/dynamodb';

// Set before any module under test creates its SDK clients.
process.env.AWS_REGION = LOCAL_REGION;
process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamoEndpoint');
process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = 'http://127.0.0.1:9';
process.env.AWS_ENDPOINT_URL_SCHEDULER = 'http://127.0.0.1:9';
process.env[tables.main.envVar] = localTableName(tables.main);
process.env[tables.idempotency.envVar] = localTableName(tables.idempotency);
process.env.EVENT_BUS_NAME = 'integration-bus';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_TRACE_ENABLED = 'false';
// Lists seal their cursors with this key (the local cloud generates one of its own).
process.env.CURSOR_KEY_JSON = JSON.stringify({ key: 'test-cursor-key-of-at-least-32-characters' });
