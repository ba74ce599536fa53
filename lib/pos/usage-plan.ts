import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import * as z from '../zod';
import { awsClients } from '../aws-clients';
import { stageWideResource } from '../auth/authorizer-policy';
import { lazyEnv } from '../config';
import { posUsageKeyValue } from '../http/gateway';
import { lazySchema } from '../lazy-schema';

const env = lazyEnv({ POS_USAGE_PLAN_NAME: lazySchema(() => z.string().check(z.minLength(1))) });
const posKeyIdSchema = lazySchema(() => z.string().check(z.regex(/^[\w.:-]{1,64}$/)));

/**
 * The POS key authorizer's answer: the usage plan key the request counts against, which API Gateway then
 * checks. A request naming no key is passed on without one, for the key check to refuse: an `Unauthorized`
 * here would answer with the API's one UNAUTHORIZED response, which speaks of access tokens.
 */
export function usagePlanAuthorization(
  posKeyId: string | undefined,
  methodArn: string,
): APIGatewayAuthorizerResult {
  const keyId = posKeyIdSchema.safeParse(posKeyId?.trim());
  return {
    principalId: keyId.success ? `pos:${keyId.data}` : 'pos:unidentified',
    usageIdentifierKey: keyId.success ? posUsageKeyValue(keyId.data) : undefined,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageWideResource(methodArn) }],
    },
  };
}

let usagePlanId: Promise<string> | undefined;

/** The POS usage plan's id, found once by its name (the plan lives in the API's stack). */
function posUsagePlanId(): Promise<string> {
  return (usagePlanId ??= (async () => {
    const [client, { GetUsagePlansCommand }] = await Promise.all([
      awsClients.apiGateway(),
      import('@aws-sdk/client-api-gateway'),
    ]);
    let position: string | undefined;
    do {
      const page = await client.send(new GetUsagePlansCommand({ position, limit: 100 }));
      const plan = page.items?.find((candidate) => candidate.name === env().POS_USAGE_PLAN_NAME);
      if (plan?.id) return plan.id;
      position = page.position;
    } while (position);
    throw new Error(`No usage plan named ${env().POS_USAGE_PLAN_NAME}`);
  })().catch((error: unknown) => {
    usagePlanId = undefined;
    throw error;
  }));
}

/** Gives a new POS key its own API key in the POS usage plan; returns the API key's id. */
export async function registerPosKeyUsage(posKeyId: string): Promise<string> {
  const [client, { CreateApiKeyCommand, CreateUsagePlanKeyCommand }, planId] = await Promise.all([
    awsClients.apiGateway(),
    import('@aws-sdk/client-api-gateway'),
    posUsagePlanId(),
  ]);
  const apiKey = await client.send(
    new CreateApiKeyCommand({
      name: `pos-${posKeyId}`,
      description: `Usage plan key of POS key ${posKeyId}`,
      value: posUsageKeyValue(posKeyId),
      enabled: true,
    }),
  );
  await client.send(
    new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: apiKey.id!, keyType: 'API_KEY' }),
  );
  return apiKey.id!;
}

/** A revoked POS key is turned away by API Gateway itself from now on. */
export async function disablePosKeyUsage(apiKeyId: string): Promise<void> {
  const [client, { UpdateApiKeyCommand }] = await Promise.all([
    awsClients.apiGateway(),
    import('@aws-sdk/client-api-gateway'),
  ]);
  await client.send(
    new UpdateApiKeyCommand({
      apiKey: apiKeyId,
      patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }],
    }),
  );
}
