import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { authorizerContextOf, subjectIdOf } from './principal';
import { isSessionActive } from './sessions';
import { getStaff } from './staff';
import { stageWideResource, UNAUTHORIZED } from './authorizer-policy';
import { InvalidTokenError, verifyAccessToken } from './tokens';

export { stageWideResource, UNAUTHORIZED } from './authorizer-policy';

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header?.trim() ?? '');
  return match?.[1];
}

/** Verifies the caller's access token and that its session was not ended by sign-out or token reuse. */
export async function authorizeBearer(
  authorization: string | undefined,
  methodArn: string,
): Promise<APIGatewayAuthorizerResult> {
  const token = bearerToken(authorization);
  if (!token) throw new Error(UNAUTHORIZED);
  let principal;
  try {
    principal = await verifyAccessToken(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new Error(UNAUTHORIZED, { cause: error });
    throw error;
  }
  if (!(await isSessionActive(principal.sessionId))) throw new Error(UNAUTHORIZED);
  // Deactivated staff lose access at once (up to the authorizer cache), not at their next refresh.
  if (principal.kind === 'staff' && !(await getStaff(principal.staffId))?.active)
    throw new Error(UNAUTHORIZED);
  return {
    principalId: subjectIdOf(principal),
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageWideResource(methodArn) }],
    },
    context: authorizerContextOf(principal),
  };
}
