import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

// What the blast fan-out (a schedule) and the blast consumer share, apart from the award and messaging code
// only the consumer loads.

/** One SQS message of a blast: a page of its audience. */
export const blastPageSchema = lazySchema(() =>
  z.object({
    campaignId: z.string(),
    /** The occurrence of a recurring campaign (ISO); absent for a one-off blast. */
    occurrence: z.optional(z.string()),
    version: z.int().check(z.positive()),
    customerIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(100)),
  }),
);
export type BlastPage = z.infer<typeof blastPageSchema>;

export const blastKey = (campaignId: string, occurrence?: string) => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: occurrence ? `BLAST#${occurrence}` : 'BLAST',
});

/** A blast's progress item: when it started, how far its fan-out came (a resumable cursor). */
export const blastProgressSchema = lazySchema(() =>
  z.object({
    startedAt: z.string(),
    updatedAt: z.string(),
    cursor: z.optional(z.record(z.string(), z.unknown())),
    members: z.int(),
    fannedOutAt: z.optional(z.string()),
  }),
);
