import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { usagePlanAuthorization } from '../../lib/pos/usage-plan';

const posKeyHeader = (event: APIGatewayRequestAuthorizerEvent) =>
  Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-pos-key')?.[1];

/**
 * Reads nothing and trusts nothing: it only tells API Gateway which usage plan key the request counts
 * against, so each till has its own limit and an unknown or revoked key (or none) is refused with 401
 * POS_SIGNATURE_INVALID. The request is authenticated by its signature in the function.
 */
export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> =>
  usagePlanAuthorization(posKeyHeader(event), event.methodArn);
