import { pointsForPurchase, type PurchaseLine } from './earning';
import { listEarningRuleVersions, rulesInForce } from './earning-rules-store';

/** A sample sale staff try against the earning rules. */
export interface EarnSample {
  tier: string;
  storeId: string;
  amount: number;
  occurredAt: string;
  items: PurchaseLine[];
}

/**
 * What the sample would earn under the version in force at its moment, by the credit's own earning
 * function, with the terms that applied to it. Reads the versions only; writes nothing.
 */
export async function previewEarning(sample: EarnSample) {
  const inForce = rulesInForce(await listEarningRuleVersions(), sample.occurredAt);
  const { rules } = inForce;
  const points = pointsForPurchase(
    { storeId: sample.storeId, amount: sample.amount, items: sample.items },
    rules,
    sample.tier,
  );
  return {
    points,
    version: inForce.version,
    effectiveFrom: inForce.effectiveFrom,
    tierMultiplier: rules.tierMultipliers[sample.tier] ?? 1,
    storeMultiplier: rules.storeMultipliers[sample.storeId] ?? 1,
    fenPerPoint: rules.fenPerPoint,
    minimumSpend: rules.minimumSpend,
    excludedLines: sample.items.filter(
      (line) => rules.excludedSkus.includes(line.sku) || rules.excludedCategories.includes(line.category),
    ).length,
    lockDays: rules.lockDays,
  };
}
