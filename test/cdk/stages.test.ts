// The example stages of cdk.json: each pins its account and Region, and prod-cn builds for cn-north-1 with
// what the China Regions have (CDK validates every resource type against the Region's CloudFormation).
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import { readStageConfig } from '../../cdk/config';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));
const stages = cdkJson.context['sbm:stages'];

describe('stage settings', () => {
  it('refuse a stage without its account and Region', () => {
    const { account: _account, ...withoutAccount } = stages.dev;
    expect(() => readStageConfig('dev', { dev: withoutAccount })).toThrow(/account/);
    const { region: _region, ...withoutRegion } = stages.dev;
    expect(() => readStageConfig('dev', { dev: withoutRegion })).toThrow(/region/);
    expect(() => readStageConfig('dev', { dev: { ...stages.dev, region: 'mars-1' } })).toThrow(/region/i);
  });

  it('take a CloudFront domain with exactly one kind of certificate', () => {
    const domain = { name: 'media.example.com.cn' };
    expect(() => readStageConfig('dev', { dev: { ...stages.dev, mediaDomain: domain } })).toThrow(/either/);
    expect(
      readStageConfig('dev', {
        dev: { ...stages.dev, mediaDomain: { ...domain, iamCertificateId: 'ASCAEXAMPLE0000001' } },
      }).mediaDomain,
    ).toEqual({ ...domain, iamCertificateId: 'ASCAEXAMPLE0000001' });
  });
});

describe('prod-cn, in cn-north-1', () => {
  let built: ReturnType<typeof buildApp>;
  let stacks: Stack[];
  beforeAll(() => {
    const app = new App({ context: { ...cdkJson.context, stage: 'prod-cn', 'aws:cdk:bundling-stacks': [] } });
    built = buildApp(app, undefined, { consoleAssets });
    // Synthesizing runs cdk-nag and CloudFormation's own checks of each resource type in the Region,
    // which fail the synth here (@aws-cdk/core:validateAgainstDefaultRules).
    app.synth();
    stacks = app.node.children.filter((child): child is Stack => child instanceof Stack);
  }, 300_000);

  it('deploys every stack to the stage’s account and Region, in the aws-cn partition', () => {
    expect(stacks.length).toBeGreaterThan(5);
    for (const stack of stacks) {
      expect([stack.account, stack.region]).toEqual([stages['prod-cn'].account, 'cn-north-1']);
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toMatch(/us-east-1|arn:aws:/);
    }
  });

  it('reads the console and the reward pictures through origin access identities, with no edge function', () => {
    for (const stack of [built.core, built.console]) {
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
      template.resourceCountIs('AWS::CloudFront::Function', 0);
      expect(
        Object.keys(template.findResources('AWS::CloudFront::CloudFrontOriginAccessIdentity')),
      ).toHaveLength(1);
    }
  });

  it('serves each distribution on its ICP-filed domain with its IAM certificate, TLS 1.2 or higher', () => {
    const cases = [
      [built.core, stages['prod-cn'].mediaDomain],
      [built.console, stages['prod-cn'].consoleDomain],
    ] as const;
    for (const [stack, domain] of cases) {
      const [distribution] = Object.values(
        Template.fromStack(stack).findResources('AWS::CloudFront::Distribution'),
      );
      const config = distribution!.Properties.DistributionConfig;
      expect(config.Aliases).toEqual([domain.name]);
      expect(config.ViewerCertificate).toEqual({
        IamCertificateId: domain.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
  });

  it('keeps the secrets, like the tables and their key', () => {
    const secrets = Template.fromStack(built.core).findResources('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(7);
    for (const secret of Object.values(secrets)) expect(secret.DeletionPolicy).toBe('Retain');
  });

  it('refuses a China stage without its CloudFront domains', () => {
    const { mediaDomain: _media, ...withoutMedia } = stages['prod-cn'];
    const app = new App({
      context: {
        ...cdkJson.context,
        'sbm:stages': { ...stages, 'prod-cn': withoutMedia },
        stage: 'prod-cn',
        'aws:cdk:bundling-stacks': [],
      },
    });
    expect(() => buildApp(app, undefined, { consoleAssets })).toThrow(/ICP-filed/);
  });
});
