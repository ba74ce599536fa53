// The reward pictures as synthesized: a private, encrypted bucket that refuses plain HTTP, read only by its
// own CloudFront distribution, grants that reach its picture prefix alone, and a clean cdk-nag report.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));

type Json = ReturnType<Template['toJSON']>;
let built: ReturnType<typeof buildApp>;
let core: Template;
let routes: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkJson.context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
  built = buildApp(app, undefined, { consoleAssets });
  core = Template.fromStack(built.core);
  routes = Template.fromStack(built.routes);
});

const picturesBucket = () => {
  const found = Object.entries(core.findResources('AWS::S3::Bucket')).filter(
    ([, bucket]) => bucket.Properties?.CorsConfiguration,
  );
  expect(found).toHaveLength(1);
  return found[0]!;
};
const policyOfFunction = (name: string): Json[] => {
  const fn = built.routes.functions[name]!;
  const roleId = built.routes.getLogicalId(fn.role!.node.defaultChild as never);
  const policies = Object.values(routes.findResources('AWS::IAM::Policy')).filter((policy) =>
    (policy.Properties.Roles as Json[]).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Json[]);
};
const s3Statements = (name: string) =>
  policyOfFunction(name).filter((statement) =>
    [statement.Action].flat().some((action: string) => action.startsWith('s3:')),
  );

describe('reward pictures bucket', () => {
  it('is private, encrypted, logged, and takes uploads only by POST from the allowed origin', () => {
    const [, bucket] = picturesBucket();
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { LogFilePrefix: 's3/media/' },
      CorsConfiguration: { CorsRules: [{ AllowedMethods: ['POST'], AllowedOrigins: ['*'] }] },
    });
    expect(bucket.DeletionPolicy).toBe(cdkJson.context['sbm:stages'].prod.retainData ? 'Retain' : 'Delete');
  });

  it('refuses plain HTTP and lets only its distribution read, through Origin Access Control', () => {
    const [bucketId] = picturesBucket();
    const [policy] = Object.values(
      core.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }),
    );
    const statements = policy!.Properties.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const reads = statements.filter((statement) => statement.Effect === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    expect(JSON.stringify(reads[0]!.Condition)).toContain('AWS:SourceArn');
    const oac = Object.values(core.findResources('AWS::CloudFront::OriginAccessControl'));
    expect(oac).toHaveLength(1);
    expect(oac[0]!.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
    });
  });

  it('serves pictures over HTTPS only, GET and HEAD, cached, with access logs', () => {
    const distributions = Object.values(core.findResources('AWS::CloudFront::Distribution'));
    expect(distributions).toHaveLength(1);
    const config = distributions[0]!.Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    });
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/', IncludeCookies: false });
    core.hasOutput('MediaUrl', {});
  });
});

describe('grants on pictures', () => {
  const picturesArn = (statement: Json) => JSON.stringify(statement.Resource);

  it('lets the upload function put pictures under reward-images/ and nothing else', () => {
    const statements = s3Statements('createRewardImageUpload');
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Action).toBe('s3:PutObject');
    expect(picturesArn(statements[0]!)).toContain(':s3:::sbm-crm-prod-media-');
    expect(picturesArn(statements[0]!)).toContain('/reward-images/*');
  });

  it('lets reward edits read whether a picture was uploaded, and catalogue reads only link to pictures', () => {
    for (const name of ['createReward', 'updateReward']) {
      const statements = s3Statements(name);
      expect(statements.map((statement) => statement.Action)).toEqual(['s3:GetObject']);
      expect(picturesArn(statements[0]!)).toContain('/reward-images/*');
    }
    for (const name of ['listRewards', 'listAllRewards', 'lookUpPickup']) {
      expect(s3Statements(name)).toEqual([]);
      const variables = Template.fromStack(built.routes).toJSON().Resources[
        built.routes.getLogicalId(built.routes.functions[name]!.node.defaultChild as never)
      ].Properties.Environment.Variables;
      expect(JSON.stringify(variables.MEDIA_BASE_URL)).toContain('DomainName');
      expect(variables.MEDIA_BUCKET_NAME).toBeUndefined();
    }
  });

  it('lets the console show pictures from the distribution and post forms to the bucket (its CSP)', () => {
    const hosting = Template.fromStack(built.console);
    const [policy] = Object.values(hosting.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(
      policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
    );
    expect(csp).toContain("img-src 'self' data: blob: https://");
    expect(csp).toContain("connect-src 'self' https://sbm-crm-prod-media-");
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the stacks that hold and use the pictures', () => {
    const report = new AwsSolutionsChecks().validateScope(built.app);
    expect(
      report.violations
        .filter((violation) =>
          violation.violatingResources.some((resource) =>
            /media|Media|Pictures/.test(resource.constructPath ?? ''),
          ),
        )
        .map((violation) => violation.ruleName),
    ).toEqual([]);
    expect(report.violations).toEqual([]);
  });
});
