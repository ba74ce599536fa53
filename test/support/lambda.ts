import type { APIGatewayProxyEvent, Context, EventBridgeEvent, SQSEvent } from 'aws-lambda';

export const lambdaContext = (name = 'test'): Context => ({
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
  memoryLimitInMB: '1024',
  awsRequestId: `req-${Math.random().toString(36).slice(2)}`,
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/**
 * A complete REST (v1) proxy event, as API Gateway sends it. An authorizer context without `exp` gets the
 * expiry of a token issued now, as the bearer authorizer passes it.
 */
export function apiEvent(options: {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  authorizer?: Record<string, unknown> | null;
}): APIGatewayProxyEvent {
  return {
    resource: options.path,
    path: options.path,
    httpMethod: options.method,
    headers: { 'content-type': 'application/json', ...options.headers },
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: options.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      authorizer: options.authorizer
        ? { exp: String(Math.floor(Date.now() / 1000) + 900), ...options.authorizer }
        : null,
      httpMethod: options.method,
      identity: { sourceIp: '127.0.0.1' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: options.path,
      protocol: 'HTTP/1.1',
      requestId: 'request-1',
      requestTimeEpoch: Date.now(),
      resourceId: 'r',
      resourcePath: options.path,
      stage: 'test',
    },
  };
}

/** Events as an SQS event-source mapping hands them over from a rule's buffer queue: one record each. */
export const bufferedEvents = (events: EventBridgeEvent<string, unknown>[]): SQSEvent => ({
  Records: events.map((event, i) => ({
    messageId: `msg-${i}-${Math.random().toString(36).slice(2)}`,
    receiptHandle: `rh-${i}`,
    body: JSON.stringify(event),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'events.amazonaws.com',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:buffer',
    awsRegion: 'us-east-1',
  })),
});
