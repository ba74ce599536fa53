/**
 * The partitions of the audit trail in the main table (lib/audit/index.ts): each entry in its UTC day's,
 * indexed by target on gsi1, and copied under its actor and under its action. Every one begins `AUDIT#`,
 * and no other item's partition does, so IAM can hold the whole trail by that prefix.
 */
export const auditPartitions = {
  day: (at: string) => `AUDIT#${at.slice(0, 10)}`,
  target: (target: string) => `AUDIT#TARGET#${target}`,
  actor: (actor: string) => `AUDIT#ACTOR#${actor}`,
  action: (action: string) => `AUDIT#ACTION#${action}`,
};

/** Every audit partition key, as an IAM `dynamodb:LeadingKeys` pattern (cdk/function-factory.ts). */
export const auditPartitionPattern = 'AUDIT#*';
