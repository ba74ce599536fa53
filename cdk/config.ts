import * as z from '../lib/zod';

/** A custom domain and the ARN of its ACM certificate (issued or imported into ACM). */
const customDomainSchema = z.strictObject({
  name: z.string().check(z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/)),
  certificateArn: z.string().check(z.regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/)),
});

/** Per-stage deployment settings from cdk.json context (`sbm:stages`), validated before anything is built. */
export const stageConfigSchema = z.strictObject({
  wechatAppId: z.string().check(z.minLength(1)),
  wechatApiBase: z._default(z.url(), 'https://api.weixin.qq.com'),
  wechatWelcomeTemplateId: z.string().check(z.minLength(1)),
  wechatMilestoneTemplateId: z.string().check(z.minLength(1)),
  wechatCampaignTemplateId: z.string().check(z.minLength(1)),
  logRetentionDays: z._default(z.union([z.literal(7), z.literal(30), z.literal(90), z.literal(365)]), 30),
  /** Tables and keys survive `cdk destroy` and are deletion-protected, except in throwaway stages. */
  retainData: z.boolean(),
  corsAllowOrigin: z._default(z.string().check(z.minLength(1)), '*'),
  /** X-Ray subsegments for each AWS SDK call: bundles Powertools Tracer and X-Ray's SDK (about 120 KB). */
  awsSdkTracing: z._default(z.boolean(), false),
  /** How old a sale a till may still upload (an offline till catching up), in days. */
  posLateSaleDays: z._default(z.int().check(z.gte(1), z.lte(730)), 30),
  /**
   * The programme's time zone: the event archive files each event under its business day in it, with the
   * zone's one UTC offset (a zone with daylight saving time is refused at synth).
   */
  programmeTimeZone: z._default(z.string().check(z.minLength(1)), 'Asia/Shanghai'),
  /** Athena cancels a report query that would scan more than this many GiB of the archive. */
  archiveQueryCutoffGiB: z._default(z.int().check(z.gte(1), z.lte(1024)), 10),
  /** The API's custom domain, with its ACM certificate in the stage's region (TLS 1.2 or higher). */
  apiDomain: z.optional(customDomainSchema),
  /** The staff console's custom domain, with its ACM certificate in us-east-1 (CloudFront's region). */
  consoleDomain: z.optional(customDomainSchema),
});
export type StageConfig = z.infer<typeof stageConfigSchema>;

export function readStageConfig(stage: string, stages: unknown): StageConfig {
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage))
    throw new Error(`Stage "${stage}" must be lower-case letters, digits and dashes`);
  const all = z.record(z.string(), z.unknown()).parse(stages ?? {});
  if (!(stage in all))
    throw new Error(`No settings for stage "${stage}" under context key sbm:stages in cdk.json`);
  const parsed = stageConfigSchema.safeParse(all[stage]);
  if (!parsed.success) throw new Error(`Invalid settings for stage "${stage}": ${parsed.error.message}`);
  return parsed.data;
}
