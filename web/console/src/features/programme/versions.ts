import type { EarningRulesVersion } from '@sbm/web-shared/api';

export type VersionStanding = 'inForce' | 'scheduled' | 'superseded';

/**
 * Where each version stands at `now`, as the API chooses: in force is the latest effectiveFrom at or
 * before now (the higher version on a tie); later ones are scheduled; the rest are superseded.
 */
export function standingOf(
  versions: readonly EarningRulesVersion[],
  now: Date,
): Map<number, VersionStanding> {
  const at = now.toISOString();
  const started = versions.filter((version) => new Date(version.effectiveFrom).toISOString() <= at);
  const inForce = started.reduce<EarningRulesVersion | undefined>(
    (latest, version) =>
      !latest ||
      version.effectiveFrom > latest.effectiveFrom ||
      (version.effectiveFrom === latest.effectiveFrom && version.version > latest.version)
        ? version
        : latest,
    undefined,
  );
  return new Map(
    versions.map((version) => [
      version.version,
      version === inForce
        ? 'inForce'
        : new Date(version.effectiveFrom).toISOString() > at
          ? 'scheduled'
          : 'superseded',
    ]),
  );
}
