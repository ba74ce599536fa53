import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { authorizeBearer } from '../../lib/auth/authorizer';
import { logger } from '../../lib/observability';

const authorizationHeader = (event: APIGatewayRequestAuthorizerEvent) =>
  Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];

export const handler = middy<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler((event) => authorizeBearer(authorizationHeader(event), event.methodArn));
