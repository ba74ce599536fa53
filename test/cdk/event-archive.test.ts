// The event archive as synthesized: its buckets, the Glue table Firehose converts to and Athena reads, the
// stream's partitioning and Parquet conversion, the rule that feeds it, the workgroup, the query grant, and
// a clean cdk-nag report; and the jq day arithmetic against the archive's own day function.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import {
  archivePartitionQuery,
  fixedUtcOffsetSeconds,
  type EventArchiveConstruct,
} from '../../cdk/constructs/event-archive';
import { catalogue } from '../../events/catalogue';
import {
  archiveColumns,
  archivePartitionOf,
  archiveRecordOf,
  hiveType,
} from '../../lib/analytics/archive/schema';
import { unacknowledgedFindings } from '../support/nag';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));

type Json = ReturnType<Template['toJSON']>;
let built: ReturnType<typeof buildApp>;
let core: Template;
let archive: EventArchiveConstruct;

beforeAll(() => {
  const app = new App({ context: { ...cdkJson.context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
  built = buildApp(app, undefined, { consoleAssets });
  core = Template.fromStack(built.core);
  archive = built.core.archive;
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  built.core.getLogicalId(construct.node.defaultChild as never);
const only = (type: string, props?: object) => {
  const found = Object.values(core.findResources(type, props ? { Properties: props } : undefined));
  expect(found, type).toHaveLength(1);
  return found[0]!.Properties as Json;
};
const deliveryStream = () => only('AWS::KinesisFirehose::DeliveryStream');
const detailTypes = Object.values(catalogue).map((event) => event.detailType);

describe('archive and results buckets', () => {
  it.each([
    ['archive', () => archive.bucket, 's3/archive/'],
    ['Athena results', () => archive.resultsBucket, 's3/athena-results/'],
  ] as const)(
    'keeps the %s bucket private, encrypted with the archive key, SSL only and access-logged',
    (_, bucketOf, logPrefix) => {
      const id = logicalId(bucketOf());
      const bucket = core.toJSON().Resources[id];
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(archive.key), 'Arn'] },
              },
            },
          ],
        },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: logicalId(built.core.media.logBucket) },
          LogFilePrefix: logPrefix,
        },
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
      const policies = Object.values(
        core.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: id } } }),
      );
      expect(policies[0]!.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    },
  );

  it('tiers archived events after 30 days, expires failed records, and expires query results', () => {
    const rulesOf = (bucket: { node: { defaultChild?: unknown } }) =>
      core.toJSON().Resources[logicalId(bucket)].Properties.LifecycleConfiguration.Rules as Json[];
    expect(rulesOf(archive.bucket)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: 'events/',
          Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 30 }],
        }),
        expect.objectContaining({ Prefix: 'errors/', ExpirationInDays: 30 }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      ]),
    );
    expect(rulesOf(archive.resultsBucket)).toEqual([
      expect.objectContaining({ ExpirationInDays: 7, Status: 'Enabled' }),
    ]);
  });

  it('deletes both buckets with a throwaway stage', () => {
    const dev = buildApp(
      new App({ context: { ...cdkJson.context, stage: 'dev', 'aws:cdk:bundling-stacks': [] } }),
      undefined,
      { consoleAssets },
    ).core;
    const resources = Template.fromStack(dev).toJSON().Resources;
    for (const bucket of [dev.archive.bucket, dev.archive.resultsBucket])
      expect(resources[dev.getLogicalId(bucket.node.defaultChild as never)].DeletionPolicy).toBe('Delete');
  });
});

describe('Glue table', () => {
  it('has the columns of archiveColumns() in Glue types, partitioned by event and day as strings', () => {
    const table = only('AWS::Glue::Table').TableInput;
    expect(table.Name).toBe('events');
    expect(table.StorageDescriptor.Columns).toEqual(
      archiveColumns().map((field) => ({ Name: field.name, Type: hiveType(field.type) })),
    );
    expect(table.PartitionKeys).toEqual([
      { Name: 'event', Type: 'string' },
      { Name: 'day', Type: 'string' },
    ]);
    expect(table.StorageDescriptor).toMatchObject({
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
      Location: { 'Fn::Join': ['', ['s3://', { Ref: logicalId(archive.bucket) }, '/events/']] },
    });
  });

  it('projects its partitions: every catalogue event, and each day up to the programme’s today', () => {
    const parameters = only('AWS::Glue::Table').TableInput.Parameters;
    expect(parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.event.type': 'enum',
      'projection.day.type': 'date',
      'projection.day.format': 'yyyy-MM-dd',
      'projection.day.range': '2025-01-01,NOW+1DAYS',
      'storage.location.template': {
        'Fn::Join': ['', ['s3://', { Ref: logicalId(archive.bucket) }, '/events/event=${event}/day=${day}/']],
      },
    });
    expect(parameters['projection.event.values'].split(',')).toEqual(detailTypes);
    expect(detailTypes.length).toBeGreaterThan(10);
  });
});

describe('Firehose delivery stream', () => {
  it('takes direct puts, encrypted, and writes to the archive bucket with its key', () => {
    const stream = deliveryStream();
    expect(stream).toMatchObject({
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
      ExtendedS3DestinationConfiguration: {
        BucketARN: { 'Fn::GetAtt': [logicalId(archive.bucket), 'Arn'] },
        EncryptionConfiguration: {
          KMSEncryptionConfig: { AWSKMSKeyARN: { 'Fn::GetAtt': [logicalId(archive.key), 'Arn'] } },
        },
        CloudWatchLoggingOptions: { Enabled: true },
      },
    });
  });

  it('partitions by the jq query into event= and day= prefixes, failures under errors/', () => {
    const destination = deliveryStream().ExtendedS3DestinationConfiguration;
    expect(destination).toMatchObject({
      DynamicPartitioningConfiguration: { Enabled: true },
      Prefix: 'events/event=!{partitionKeyFromQuery:event}/day=!{partitionKeyFromQuery:day}/',
      ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [
          {
            Type: 'MetadataExtraction',
            Parameters: [
              {
                ParameterName: 'MetadataExtractionQuery',
                ParameterValue:
                  '{event: .detail_type, day: ((.detail.metadata.occurredAt[0:19] + "Z") | fromdateiso8601 + 28800 | strftime("%Y-%m-%d"))}',
              },
              { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
            ],
          },
        ],
      },
    });
    expect(destination.BufferingHints.SizeInMBs).toBeGreaterThanOrEqual(64);
    expect(destination.BufferingHints.IntervalInSeconds).toBe(300);
  });

  it('converts records to SNAPPY Parquet with the Glue table as the schema', () => {
    const destination = deliveryStream().ExtendedS3DestinationConfiguration;
    expect(destination.CompressionFormat).toBe('UNCOMPRESSED');
    expect(destination.DataFormatConversionConfiguration).toEqual({
      Enabled: true,
      InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
      OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
      SchemaConfiguration: {
        CatalogId: cdkJson.context['sbm:stages'].prod.account,
        DatabaseName: 'sbm_crm_prod_archive',
        TableName: 'events',
        Region: cdkJson.context['sbm:stages'].prod.region,
        RoleARN: destination.RoleARN,
        VersionId: 'LATEST',
      },
    });
    only('AWS::Glue::Database', { DatabaseInput: { Name: 'sbm_crm_prod_archive' } });
  });

  it("lets its role write the archive's objects and read the table, and nothing of other buckets", () => {
    const roleId = deliveryStream().ExtendedS3DestinationConfiguration.RoleARN['Fn::GetAtt'][0];
    const [policy] = Object.values(
      core.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    );
    const statements = policy!.Properties.PolicyDocument.Statement as Json[];
    const bucketArn = { 'Fn::GetAtt': [logicalId(archive.bucket), 'Arn'] };
    for (const statement of statements.filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith('s3:')),
    ))
      expect(JSON.stringify(statement.Resource)).toContain(JSON.stringify(bucketArn));
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
      }),
    );
    expect(JSON.stringify(statements)).not.toContain('"*"');
  });
});

describe('archive rule', () => {
  const archiveRule = () => {
    const rules = Object.values(
      core.findResources('AWS::Events::Rule', {
        Properties: { Description: 'Every catalogue event to the event archive' },
      }),
    );
    expect(rules).toHaveLength(1);
    return rules[0]!.Properties as Json;
  };

  it("matches every catalogue event by its source and detail-type, on the platform's bus", () => {
    const rule = archiveRule();
    expect(rule.EventBusName).toEqual({ Ref: logicalId(built.core.events.bus) });
    expect([...rule.EventPattern['detail-type']].sort()).toEqual([...detailTypes].sort());
    expect([...rule.EventPattern.source].sort()).toEqual(
      [...new Set(Object.values(catalogue).map((event) => event.source))].sort(),
    );
  });

  it('sends the archive record, detail as an object, with retries, a dead-letter queue, and a put-only role', () => {
    const target = (archiveRule().Targets as Json[])[0]!;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [built.core.getLogicalId(archive.deliveryStream), 'Arn'] });
    expect(target.InputTransformer.InputPathsMap).toEqual({
      id: '$.id',
      'detail-type': '$.detail-type',
      source: '$.source',
      time: '$.time',
      detail: '$.detail',
    });
    // EventBridge fills each placeholder with its JSON value: strings quoted, `detail` the object it is.
    const filled = (target.InputTransformer.InputTemplate as string)
      .replace('<id>', JSON.stringify('e-1'))
      .replace('<detail-type>', JSON.stringify('PurchaseRecorded'))
      .replace('<source>', JSON.stringify('sbm.crm.loyalty'))
      .replace('<time>', JSON.stringify('2026-03-01T00:00:00Z'))
      .replace('<detail>', JSON.stringify({ metadata: { occurredAt: '2026-03-01T00:00:00Z' }, data: {} }));
    expect(JSON.parse(filled)).toEqual(
      archiveRecordOf({
        id: 'e-1',
        'detail-type': 'PurchaseRecorded',
        source: 'sbm.crm.loyalty',
        time: '2026-03-01T00:00:00Z',
        detail: { metadata: { occurredAt: '2026-03-01T00:00:00Z' }, data: {} },
      }),
    );
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 });
    expect(target.DeadLetterConfig.Arn).toEqual({
      'Fn::GetAtt': [logicalId(archive.deadLetterQueue), 'Arn'],
    });
    const roleId = target.RoleArn['Fn::GetAtt'][0];
    const [policy] = Object.values(
      core.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    );
    expect(policy!.Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        Resource: target.Arn,
      },
    ]);
  });

  it('lets only this rule send to its dead-letter queue, which is encrypted and kept 14 days', () => {
    const dlqId = logicalId(archive.deadLetterQueue);
    expect(core.toJSON().Resources[dlqId].Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    core.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlqId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(archive.rule), 'Arn'] } } },
          }),
        ]),
      },
    });
  });
});

describe('Athena workgroup', () => {
  it('enforces engine 3, KMS-encrypted results in its bucket, metrics, and the stage’s scan cutoff', () => {
    const workGroup = only('AWS::Athena::WorkGroup');
    expect(workGroup.Name).toBe('sbm-crm-prod-analytics');
    expect(workGroup.WorkGroupConfiguration).toEqual({
      EnforceWorkGroupConfiguration: true,
      PublishCloudWatchMetricsEnabled: true,
      BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
      EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
      ResultConfiguration: {
        OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: logicalId(archive.resultsBucket) }, '/']] },
        EncryptionConfiguration: {
          EncryptionOption: 'SSE_KMS',
          KmsKey: { 'Fn::GetAtt': [logicalId(archive.key), 'Arn'] },
        },
      },
    });
  });

  it('takes the cutoff from the stage settings', () => {
    const app = new App({
      context: {
        ...cdkJson.context,
        stage: 'dev',
        'aws:cdk:bundling-stacks': [],
        'sbm:stages': {
          ...cdkJson.context['sbm:stages'],
          dev: { ...cdkJson.context['sbm:stages'].dev, archiveQueryCutoffGiB: 2 },
        },
      },
    });
    const dev = Template.fromStack(buildApp(app, undefined, { consoleAssets }).core);
    dev.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'sbm-crm-dev-analytics',
      WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 2 * 1024 ** 3 },
    });
  });

  it('names what a report function needs', () => {
    expect({
      workGroup: archive.workGroupName,
      database: archive.databaseName,
      table: archive.tableName,
    }).toEqual({ workGroup: 'sbm-crm-prod-analytics', database: 'sbm_crm_prod_archive', table: 'events' });
  });
});

describe('grantQuery', () => {
  const granted = () => {
    const app = new App({ context: { ...cdkJson.context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
    const fresh = buildApp(app, undefined, { consoleAssets });
    // A function's stack deploys where the stage's stacks do.
    const reports = new Stack(app, 'Reports', {
      env: { account: fresh.core.account, region: fresh.core.region },
    });
    const role = new iam.Role(reports, 'ReportRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    fresh.core.archive.grantQuery(role);
    const [policy] = Object.values(Template.fromStack(reports).findResources('AWS::IAM::Policy'));
    return { app, statements: policy!.Properties.PolicyDocument.Statement as Json[] };
  };

  it('allows queries in the workgroup, reads of the table and archive, results, and the key — nothing more', () => {
    const { statements } = granted();
    const text = (value: unknown) => JSON.stringify(value);
    const byAction = (prefix: string) =>
      statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith(prefix)));
    const [athenaGrant] = byAction('athena:');
    expect(athenaGrant!.Action).toEqual([
      'athena:StartQueryExecution',
      'athena:GetQueryExecution',
      'athena:GetQueryResults',
      'athena:StopQueryExecution',
      'athena:GetWorkGroup',
    ]);
    expect(text(athenaGrant!.Resource)).toContain(':workgroup/sbm-crm-prod-analytics');
    const [glueGrant] = byAction('glue:');
    expect(text(glueGrant!.Resource)).toContain(':table/sbm_crm_prod_archive/events');
    expect([glueGrant!.Action].flat().every((a: string) => /^glue:Get/.test(a))).toBe(true);
    const s3 = byAction('s3:');
    const objectReads = s3.find((s) => text(s.Resource).includes('-archive-'));
    expect(objectReads).toBeDefined();
    for (const statement of s3.filter((s) => text(s.Resource).includes('-archive-')))
      expect([statement.Action].flat().every((a: string) => /^s3:(Get|List)/.test(a))).toBe(true);
    expect(text(s3)).toContain('/events/*');
    expect(text(s3)).toContain('sbm-crm-prod-athena-');
    const [kmsGrant] = byAction('kms:');
    expect(kmsGrant!.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(text(statements)).not.toMatch(/"Resource":"\*"/);
  });

  it('leaves no cdk-nag finding in the grantee’s stack', () => {
    const { app } = granted();
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations).toEqual([]);
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the app with the archive', () => {
    expect(unacknowledgedFindings(built.app)).toEqual([]);
  });
});

/**
 * jq 1.6's arithmetic on the query, reimplemented: the slice, `fromdateiso8601` (strptime of
 * `%Y-%m-%dT%H:%M:%SZ`, then timegm: seconds since the epoch), the offset, then `strftime` in UTC. The
 * offset and the slice are read from the query string itself, so a changed query changes the model.
 */
function jqDayOf(query: string, occurredAt: string): string {
  const match =
    /occurredAt\[0:(\d+)\] \+ "Z"\) \| fromdateiso8601 ([+-]) (\d+) \| strftime\("%Y-%m-%d"\)/.exec(query);
  if (!match) throw new Error(`not the archive's day expression: ${query}`);
  const text = occurredAt.slice(0, Number(match[1])) + 'Z';
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(text);
  if (!parts) throw new Error(`date "${text}" does not match format "%Y-%m-%dT%H:%M:%SZ"`);
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as number[];
  const epochSeconds = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) / 1000;
  const shifted = epochSeconds + (match[2] === '+' ? 1 : -1) * Number(match[3]);
  const at = new Date(shifted * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

describe('the business day Firehose files a record under', () => {
  const recordAt = (occurredAt: string) =>
    archiveRecordOf({
      id: 'e-1',
      'detail-type': 'PurchaseRecorded',
      source: 'sbm.crm.loyalty',
      time: occurredAt,
      detail: { metadata: { occurredAt }, data: {} },
    });

  it('reads the offset of Asia/Shanghai as UTC+8 and refuses a zone with daylight saving time', () => {
    expect(fixedUtcOffsetSeconds('Asia/Shanghai')).toBe(8 * 3600);
    expect(fixedUtcOffsetSeconds('UTC')).toBe(0);
    expect(() => fixedUtcOffsetSeconds('Europe/London')).toThrow(/changes its UTC offset/);
  });

  it.each([
    '2026-03-01T15:59:59Z',
    '2026-03-01T15:59:59.999Z',
    '2026-03-01T16:00:00Z',
    '2026-03-01T16:00:00.000001Z',
    '2026-12-31T15:59:59.5Z',
    '2026-12-31T16:00:00Z',
    '2028-02-28T16:00:00Z',
    '2026-06-15T00:00:00Z',
  ])('agrees with archivePartitionOf at %s', (occurredAt) => {
    const query = archivePartitionQuery(fixedUtcOffsetSeconds('Asia/Shanghai'));
    expect(jqDayOf(query, occurredAt)).toBe(archivePartitionOf(recordAt(occurredAt), 'Asia/Shanghai').day);
  });

  it('turns the day at midnight in Shanghai, 16:00 UTC', () => {
    const query = archivePartitionQuery(8 * 3600);
    expect(jqDayOf(query, '2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(jqDayOf(query, '2026-03-01T16:00:00Z')).toBe('2026-03-02');
  });

  it('writes a zone west of UTC as a subtraction, and agrees there too', () => {
    const query = archivePartitionQuery(fixedUtcOffsetSeconds('America/Bogota'));
    expect(query).toContain('fromdateiso8601 - 18000 |');
    for (const occurredAt of ['2026-03-02T04:59:59Z', '2026-03-02T05:00:00Z'])
      expect(jqDayOf(query, occurredAt)).toBe(archivePartitionOf(recordAt(occurredAt), 'America/Bogota').day);
  });

  it('refuses an offset that is not whole seconds within ±14 hours', () => {
    expect(() => archivePartitionQuery(15 * 3600)).toThrow(/±14 hours/);
    expect(() => archivePartitionQuery(0.5)).toThrow(/whole seconds/);
  });
});
