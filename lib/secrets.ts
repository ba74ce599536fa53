import type * as z from './zod';
import { awsClients } from './aws-clients';
import type { SecretName } from './manifest/types';

/**
 * Where a function finds each secret: the ARN in the cloud, or the value itself in the local cloud.
 * CDK sets the ARN variables from the manifest's access declarations.
 */
export const secretVariables = {
  jwtSigningKeys: { arn: 'JWT_SIGNING_KEYS_SECRET_ARN', local: 'JWT_SIGNING_KEYS' },
  wechatApp: { arn: 'WECHAT_APP_SECRET_ARN', local: 'WECHAT_APP_SECRET_JSON' },
  wechatOfficialAccount: {
    arn: 'WECHAT_OFFICIAL_ACCOUNT_SECRET_ARN',
    local: 'WECHAT_OFFICIAL_ACCOUNT_SECRET_JSON',
  },
  tencentCloudSms: { arn: 'TENCENT_CLOUD_SMS_SECRET_ARN', local: 'TENCENT_CLOUD_SMS_JSON' },
  posSecretBox: { arn: 'POS_SECRET_BOX_KEY_SECRET_ARN', local: 'POS_SECRET_BOX_KEY_JSON' },
  staffSecretBox: { arn: 'STAFF_SECRET_BOX_KEY_SECRET_ARN', local: 'STAFF_SECRET_BOX_KEY_JSON' },
  cursorKey: { arn: 'CURSOR_KEY_SECRET_ARN', local: 'CURSOR_KEY_JSON' },
} as const satisfies Record<SecretName, { arn: string; local: string }>;

const cache = new Map<string, { value: unknown; fetchedAt: number }>();
const CACHE_MS = 5 * 60 * 1000;

/**
 * Reads a JSON secret from Secrets Manager, validated with its schema, cached for five minutes so that
 * a rotation reaches warm functions without a redeploy. The value is never logged.
 */
export async function readSecretJson<S extends z.ZodMiniType>(
  secretId: string,
  schema: S,
): Promise<z.infer<S>> {
  const hit = cache.get(secretId);
  if (hit && Date.now() - hit.fetchedAt < CACHE_MS) return hit.value as z.infer<S>;
  const [client, { GetSecretValueCommand }] = await Promise.all([
    awsClients.secretsManager(),
    import('@aws-sdk/client-secrets-manager'),
  ]);
  const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const parsed = schema.safeParse(JSON.parse(result.SecretString ?? 'null'));
  if (!parsed.success) throw new Error(`Secret ${secretId} does not have the expected shape`);
  cache.set(secretId, { value: parsed.data, fetchedAt: Date.now() });
  return parsed.data;
}

/** Reads a JSON secret from its local environment variable (local cloud) or else from Secrets Manager. */
export async function readConfiguredSecret<S extends z.ZodMiniType>(
  name: SecretName,
  schema: S,
): Promise<z.infer<S>> {
  const { local: localEnvVar, arn: arnEnvVar } = secretVariables[name];
  const local = process.env[localEnvVar];
  if (local) {
    const parsed = schema.safeParse(JSON.parse(local));
    if (!parsed.success) throw new Error(`${localEnvVar} does not have the expected shape`);
    return parsed.data;
  }
  const arn = process.env[arnEnvVar];
  if (!arn) throw new Error(`Neither ${localEnvVar} nor ${arnEnvVar} is set`);
  return readSecretJson(arn, schema);
}
