import * as z from '../lib/zod';

/** A custom domain and the ARN of its ACM certificate (issued or imported into ACM). */
const customDomainSchema = z.strictObject({
  name: z.string().check(z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/)),
  certificateArn: z.string().check(z.regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/)),
});

/**
 * A CloudFront distribution's custom domain: an ACM certificate's ARN, or in the China Regions (where
 * CloudFront takes no ACM certificate) the id of a certificate in the IAM certificate store.
 */
const cdnDomainSchema = z
  .strictObject({
    name: customDomainSchema.shape.name,
    certificateArn: z.optional(customDomainSchema.shape.certificateArn),
    iamCertificateId: z.optional(z.string().check(z.regex(/^[A-Z0-9]{16,128}$/))),
  })
  .check(
    z.refine((domain) => (domain.certificateArn === undefined) !== (domain.iamCertificateId === undefined), {
      message: 'a domain names either certificateArn or iamCertificateId',
    }),
  );

/** Per-stage deployment settings from cdk.json context (`sbm:stages`), validated before anything is built. */
export const stageConfigSchema = z.strictObject({
  /**
   * Where the stage deploys: its AWS account and Region, pinned here so that nothing depends on the
   * operator's default profile (every ARN, partition and service endpoint follows from them).
   */
  account: z.string().check(z.regex(/^\d{12}$/, 'a 12-digit AWS account id')),
  region: z
    .string()
    .check(
      z.regex(/^(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov)?-[a-z]+-\d$/, 'an AWS Region such as ap-southeast-1'),
    ),
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
  /**
   * Who the stage's alarm topic (`sbm-crm-<stage>-alarms`) notifies: e-mail addresses (each confirms the
   * subscription AWS mails it) and HTTPS endpoints of an on-call service. None by default.
   */
  alarmSubscriptions: z._default(
    z.strictObject({
      email: z._default(z.array(z.email()), []),
      https: z._default(z.array(z.url().check(z.startsWith('https://'))), []),
    }),
    { email: [], https: [] },
  ),
  /**
   * OpenTelemetry through the ADOT Lambda layer (cdk/constructs/open-telemetry.ts), exporting to X-Ray
   * beside Powertools Tracer. Needs a stage pinned to a region the layer is published in.
   */
  openTelemetry: z._default(z.boolean(), false),
  /**
   * The purchase path deploys through a `live` alias, shifted by CodeDeploy and rolled back on the
   * alias's errors (cdk/constructs/crm-function.ts); off, every trigger invokes $LATEST.
   */
  gradualDeployment: z._default(z.boolean(), false),
  /**
   * Sign-in by SMS code (`/v1/auth/sms/*`): `off` (both routes answer 503 SMS_SIGN_IN_DISABLED), or texts
   * through Tencent Cloud SMS in the given API region, with the account in the `tencentCloudSms` secret.
   */
  smsSignIn: z._default(
    z.union([
      z.literal('off'),
      z.strictObject({
        provider: z.literal('tencent-cloud'),
        region: z._default(
          z
            .string()
            .check(z.regex(/^[a-z]{2}-[a-z]+(-[a-z0-9]+)?$/, 'a Tencent Cloud region such as ap-guangzhou')),
          'ap-guangzhou',
        ),
      }),
    ]),
    'off',
  ),
  /** The API's custom domain, with its ACM certificate in the stage's region (TLS 1.2 or higher). */
  apiDomain: z.optional(customDomainSchema),
  /**
   * The staff console's custom domain: its ACM certificate in us-east-1 (CloudFront's Region), or in the
   * China Regions, where it is required, the id of its IAM server certificate (cdk/china.ts).
   */
  consoleDomain: z.optional(cdnDomainSchema),
  /** The reward pictures' custom domain, as the console's (required in the China Regions). */
  mediaDomain: z.optional(cdnDomainSchema),
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
