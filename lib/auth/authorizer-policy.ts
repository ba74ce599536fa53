/** API Gateway turns exactly this message into a 401 (and caches nothing). */
export const UNAUTHORIZED = 'Unauthorized';

/**
 * The policy covers every method of the stage, because API Gateway caches it per token and reuses it for
 * other routes; which principal may do what is checked by each route's handler.
 */
export function stageWideResource(methodArn: string): string {
  const [arnPrefix, stage] = methodArn.split('/');
  return `${arnPrefix}/${stage}/*/*`;
}
