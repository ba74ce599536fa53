// Unit tests never reach AWS: any client that is not mocked fails fast against a closed port.
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://127.0.0.1:9';
process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = 'http://127.0.0.1:9';
process.env.AWS_ENDPOINT_URL_SQS = 'http://127.0.0.1:9';
process.env.AWS_ENDPOINT_URL_SCHEDULER = 'http://127.0.0.1:9';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_TRACE_ENABLED = 'false';
process.env.MAIN_TABLE_NAME = 'unit-main';
process.env.IDEMPOTENCY_TABLE_NAME = 'unit-idempotency';
process.env.EVENT_BUS_NAME = 'unit-bus';
// Lists seal their cursors with this key (the local cloud generates one of its own).
process.env.CURSOR_KEY_JSON = JSON.stringify({ key: 'test-cursor-key-of-at-least-32-characters' });
