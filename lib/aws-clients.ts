import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Tracer } from '@aws-lambda-powertools/tracer';

let tracer: Promise<Tracer> | undefined;

/**
 * X-Ray subsegments for every AWS call, in stages that turn `awsSdkTracing` on. The bundler replaces
 * SBM_AWS_SDK_TRACING with the stage's choice, so where it is off, the tracer and X-Ray's SDK (a third
 * of a bundle) are not even bundled; Lambda's active tracing records each invocation either way.
 */
async function traced<C>(client: C): Promise<C> {
  if (process.env.SBM_AWS_SDK_TRACING === 'on') {
    tracer ??= import('@aws-lambda-powertools/tracer').then(
      ({ Tracer }) => new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sbm-crm' }),
    );
    return (await tracer).captureAWSv3Client(client);
  }
  return client;
}

/**
 * One client per process, created on first use. The SDK (provided by the Lambda runtime) is loaded then
 * rather than at import, so a cold start pays only for what the invocation needs; a failed load is
 * retried by the next call.
 */
function lazyClient<C>(create: () => Promise<C>): () => Promise<C> {
  let client: Promise<C> | undefined;
  return () =>
    (client ??= create()
      .then(traced)
      .catch((error: unknown) => {
        client = undefined;
        throw error;
      }));
}

/** Every AWS SDK client of the platform. AWS_ENDPOINT_URL_<SERVICE> points them at the local cloud. */
export const awsClients = {
  dynamo: lazyClient<DynamoDBClient>(
    async () => new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient({}),
  ),
  eventBridge: lazyClient<EventBridgeClient>(
    async () => new (await import('@aws-sdk/client-eventbridge')).EventBridgeClient({}),
  ),
  sqs: lazyClient<SQSClient>(async () => new (await import('@aws-sdk/client-sqs')).SQSClient({})),
  apiGateway: lazyClient<APIGatewayClient>(
    async () => new (await import('@aws-sdk/client-api-gateway')).APIGatewayClient({}),
  ),
  athena: lazyClient<AthenaClient>(async () => new (await import('@aws-sdk/client-athena')).AthenaClient({})),
  scheduler: lazyClient<SchedulerClient>(
    async () => new (await import('@aws-sdk/client-scheduler')).SchedulerClient({}),
  ),
  secretsManager: lazyClient<SecretsManagerClient>(
    async () => new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient({}),
  ),
};
