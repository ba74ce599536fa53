import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { authorizerContextOf, subjectIdOf } from './principal';
import { isSessionActive } from './sessions';
import { getStaff } from './staff';
import { stageWideResource, UNAUTHORIZED } from './authorizer-policy';
import { InvalidTokenError, verifyAccessTokenClaims } from './tokens';

export { stageWideResource, UNAUTHORIZED } from './authorizer-policy';

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header?.trim() ?? '');
  return match?.[1];
}

/**
 * Verifies the caller's access token and that its session was not ended by sign-out or token reuse.
 * API Gateway caches the answer per token, so it names the token's holder and expiry and no authority:
 * the HTTP stack checks the expiry and reads a staff member's roles on each request.
 */
export async function authorizeBearer(
  authorization: string | undefined,
  methodArn: string,
): Promise<APIGatewayAuthorizerResult> {
  const token = bearerToken(authorization);
  if (!token) throw new Error(UNAUTHORIZED);
  let verified;
  try {
    verified = await verifyAccessTokenClaims(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new Error(UNAUTHORIZED, { cause: error });
    throw error;
  }
  const { principal, expiresAt } = verified;
  if (!(await isSessionActive(principal.sessionId))) throw new Error(UNAUTHORIZED);
  // Refused here too, not only by the HTTP stack, so that a deactivated member's token ends at the gateway.
  if (principal.kind === 'staff' && !(await getStaff(principal.staffId))?.active)
    throw new Error(UNAUTHORIZED);
  return {
    principalId: subjectIdOf(principal),
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageWideResource(methodArn) }],
    },
    context: authorizerContextOf(principal, expiresAt),
  };
}
