import * as z from '../zod';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem } from '../http/problem';
import {
  DEFAULT_EARNING_RULES,
  earningRulesSchema,
  type EarningRules,
  type EarningRulesInput,
} from './earning';
import { lazySchema } from '../lazy-schema';
import { defineAuditSubject } from '../audit/subjects';

const PK = 'EARNRULES';
const versionSchema = lazySchema(() =>
  z.object({
    effectiveFrom: z.string(),
    version: z.int(),
    rules: earningRulesSchema,
    createdBy: z.string(),
    createdAt: z.string(),
  }),
);
export type EarningRulesVersion = z.infer<typeof versionSchema>;
/** A version of the earning rules in the audit trail (`earning-rules:<version>`): nothing personal. */
export const earningRulesAuditSubject = defineAuditSubject('earning-rules');

/** The default rules, as version 0 in force since the beginning. */
const BUILT_IN: EarningRulesVersion = {
  effectiveFrom: '1970-01-01T00:00:00.000Z',
  version: 0,
  rules: DEFAULT_EARNING_RULES,
  createdBy: 'system',
  createdAt: '1970-01-01T00:00:00.000Z',
};

const CACHE_MS = 30_000;
let cache: { versions: EarningRulesVersion[]; fetchedAt: number } | undefined;

export async function listEarningRuleVersions(
  options: { fresh?: boolean } = {},
): Promise<EarningRulesVersion[]> {
  if (!options.fresh && cache && Date.now() - cache.fetchedAt < CACHE_MS) return cache.versions;
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': PK },
  });
  const versions = [BUILT_IN, ...(result.Items ?? []).map((item) => versionSchema.parse(item))];
  cache = { versions, fetchedAt: Date.now() };
  return versions;
}

/** The rules in force at a moment: the latest version whose effective date is not after it. */
export function rulesInForce(versions: EarningRulesVersion[], at: string): EarningRulesVersion {
  const instant = new Date(at).toISOString();
  return versions
    .filter((version) => version.effectiveFrom <= instant)
    .reduce(
      (latest, version) =>
        version.effectiveFrom > latest.effectiveFrom ||
        (version.effectiveFrom === latest.effectiveFrom && version.version > latest.version)
          ? version
          : latest,
      BUILT_IN,
    );
}

export async function earningRulesAt(at: string): Promise<EarningRules & { version: number }> {
  const inForce = rulesInForce(await listEarningRuleVersions(), at);
  return { ...inForce.rules, version: inForce.version };
}

/**
 * Saves a new version; versions are never edited, so every award can be traced to the rules it used.
 * Rules sent without an expiry keep the expiry of the version in force at `effectiveFrom`.
 */
export async function saveEarningRules(
  rules: EarningRulesInput,
  effectiveFrom: string,
  createdBy: string,
  now = new Date(),
) {
  // Read afresh: another instance may have saved a version this one's cache has not seen.
  const versions = await listEarningRuleVersions({ fresh: true });
  const version = Math.max(...versions.map((v) => v.version)) + 1;
  const from = new Date(effectiveFrom).toISOString();
  const item: EarningRulesVersion = {
    effectiveFrom: from,
    version,
    rules: { ...rules, expiry: rules.expiry ?? rulesInForce(versions, from).rules.expiry },
    createdBy,
    createdAt: now.toISOString(),
  };
  try {
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: { pk: PK, sk: `VERSION#${String(version).padStart(6, '0')}`, ...item },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  } catch (error) {
    if (isConditionFailure(error))
      throw new Problem(
        409,
        'RULES_CHANGED',
        'Conflict',
        'Another version was saved at the same time; retry.',
      );
    throw error;
  }
  cache = undefined;
  return item;
}
