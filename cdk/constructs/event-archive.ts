import { ArnFormat, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as events from 'aws-cdk-lib/aws-events';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, Node, type IConstruct } from 'constructs';
import { catalogue, type EventName } from '../../events/catalogue';
import { archiveColumns, hiveType, PARTITION_COLUMNS } from '../../lib/analytics/archive/schema';
import { dateTimeFormat } from '../../lib/calendar';
import {
  EVENT_TARGET_MAX_AGE_HOURS,
  EVENT_TARGET_RETRY_ATTEMPTS,
  eventPatternFor,
} from '../../lib/events/rules';
import { deadLetterQueue } from './dead-letter-queue';

/** Where the records live in the archive bucket, and where Firehose puts those it could not convert. */
export const ARCHIVE_EVENTS_PREFIX = 'events/';
export const ARCHIVE_ERRORS_PREFIX = 'errors/';
export const ARCHIVE_TABLE_NAME = 'events';

/** Bucket names are global: fixed per stage, account and Region, so grants elsewhere name them without an import. */
export const archiveBucketName = (stage: string, stack: Stack) =>
  `sbm-crm-${stage}-archive-${stack.account}-${stack.region}`;
export const athenaResultsBucketName = (stage: string, stack: Stack) =>
  `sbm-crm-${stage}-athena-${stack.account}-${stack.region}`;
/** Glue and Athena names take underscores, not dashes. */
export const archiveDatabaseName = (stage: string) => `sbm_crm_${stage.replaceAll('-', '_')}_archive`;
export const analyticsWorkGroupName = (stage: string) => `sbm-crm-${stage}-analytics`;

const MAX_OFFSET_SECONDS = 14 * 3600;

/**
 * The fixed UTC offset of a time zone, in seconds, checked over the months of a reference year: Firehose
 * files a record by its business day with one constant offset (jq has no time zones), so a zone with
 * daylight saving time cannot be the programme's. Asia/Shanghai is UTC+8 all year.
 */
export function fixedUtcOffsetSeconds(timeZone: string, referenceYear = 2025): number {
  const offsets = new Set<number>();
  for (let month = 0; month < 12; month++) {
    const at = Date.UTC(referenceYear, month, 1, 12);
    const parts = dateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(at));
    const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
    offsets.add((local - at) / 1000);
  }
  if (offsets.size !== 1)
    throw new Error(
      `${timeZone} changes its UTC offset during the year; the archive files events by business day with one fixed offset`,
    );
  return [...offsets][0]!;
}

/**
 * The jq 1.6 query Firehose runs on each record for its partition keys: the detail-type, and the business
 * day of `occurredAt`. `occurredAt` is always UTC with seconds (`z.iso.datetime()`), possibly with
 * fractions, which jq 1.6's `fromdateiso8601` refuses: its first 19 characters plus `Z` are what it parses.
 * The offset is added to the epoch seconds and the day read back in UTC, which is the local day.
 */
export function archivePartitionQuery(offsetSeconds: number): string {
  if (!Number.isInteger(offsetSeconds) || Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS)
    throw new Error(`A UTC offset is whole seconds within ±14 hours, not ${offsetSeconds}`);
  // jq 1.6 has unary minus, but `x - n` reads plainly and parses in every version.
  const shift = offsetSeconds >= 0 ? `+ ${offsetSeconds}` : `- ${-offsetSeconds}`;
  return `{event: .detail_type, day: ((.detail.metadata.occurredAt[0:19] + "Z") | fromdateiso8601 ${shift} | strftime("%Y-%m-%d"))}`;
}

export interface EventArchiveProps {
  stage: string;
  /** Keep the buckets and the key on `cdk destroy` (stages with real data). */
  retainData: boolean;
  /** The platform's bus: every catalogue event on it is archived. */
  bus: events.IEventBus;
  /** The log bucket that takes the server access logs of both buckets. */
  accessLogBucket: s3.IBucket;
  /** The programme's UTC offset in seconds (`fixedUtcOffsetSeconds(config.programmeTimeZone)`): it sets the business day of a record. */
  utcOffsetSeconds: number;
  /** Athena's per-query scan limit, in bytes: a runaway query is cancelled there, not billed for the whole archive. */
  bytesScannedCutoffPerQuery: number;
  logRetentionDays: logs.RetentionDays;
  /** The first business day the partition projection knows of. */
  firstDay?: string;
  /** Firehose's buffer: a file is written when either is reached. Parquet conversion needs at least 64 MB. */
  bufferSizeMiB?: number;
  bufferIntervalSeconds?: number;
  /** Days Athena's query results are kept (the reports read them as soon as a query ends). */
  resultRetentionDays?: number;
  /** Days Firehose's failed records (raw events, so personal data) are kept for inspection. */
  errorRetentionDays?: number;
  /** The events archived: the whole catalogue unless given. */
  events?: readonly EventName[];
}

/**
 * The event archive: every catalogue event on the bus goes through a rule to a Firehose stream, which files
 * it as Parquet under `events/event=<detail-type>/day=<YYYY-MM-DD>/` in an encrypted bucket; a Glue table
 * with partition projection describes the files (no crawler, no partitions to add), and an Athena
 * workgroup of its own runs the reports' queries with a scan limit and encrypted results.
 */
export class EventArchiveConstruct extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly resultsBucket: s3.Bucket;
  readonly databaseName: string;
  readonly tableName = ARCHIVE_TABLE_NAME;
  readonly workGroupName: string;
  readonly deliveryStream: firehose.CfnDeliveryStream;
  readonly rule: events.Rule;
  readonly deadLetterQueue: sqs.Queue;
  readonly partitionQuery: string;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: EventArchiveProps) {
    super(scope, id);
    this.stage = props.stage;
    const stack = Stack.of(this);
    const eventNames = props.events ?? (Object.keys(catalogue) as EventName[]);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const lifetime = props.retainData
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

    // A key of its own: report functions may decrypt the archive without any right on the tables' key.
    this.key = new kms.Key(this, 'ArchiveKey', {
      alias: `alias/sbm-crm-${props.stage}-analytics`,
      description: 'Encrypts the SBM CRM event archive and its Athena query results',
      enableKeyRotation: true,
      removalPolicy,
    });

    this.bucket = new s3.Bucket(this, 'Archive', {
      bucketName: archiveBucketName(props.stage, stack),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket rather than a KMS call per object: Firehose and Athena touch many files.
      bucketKeyEnabled: true,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 's3/archive/',
      // Not versioned, like the project's other buckets: Firehose writes each file once under a new key.
      lifecycleRules: [
        {
          id: 'archive-tiering',
          prefix: ARCHIVE_EVENTS_PREFIX,
          // Reports read recent days most; older files cost less where nobody reads them, and come back
          // to the frequent tier without a retrieval fee when a report does.
          transitions: [
            { storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(30) },
          ],
        },
        {
          id: 'failed-records',
          prefix: ARCHIVE_ERRORS_PREFIX,
          expiration: Duration.days(props.errorRetentionDays ?? 30),
        },
        { id: 'abandoned-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      ...lifetime,
    });

    this.resultsBucket = new s3.Bucket(this, 'AthenaResults', {
      bucketName: athenaResultsBucketName(props.stage, stack),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 's3/athena-results/',
      lifecycleRules: [
        {
          id: 'query-results',
          expiration: Duration.days(props.resultRetentionDays ?? 7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      ...lifetime,
    });

    this.databaseName = archiveDatabaseName(props.stage);
    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: {
        name: this.databaseName,
        description: 'SBM CRM event archive: every domain event, as Parquet on S3',
      },
    });
    const location = `s3://${this.bucket.bucketName}/${ARCHIVE_EVENTS_PREFIX}`;
    const table = new glue.CfnTable(this, 'EventsTable', {
      catalogId: stack.account,
      databaseName: this.databaseName,
      tableInput: {
        name: ARCHIVE_TABLE_NAME,
        description:
          'One row per domain event: { id, detail_type, source, time, detail: { metadata, data } }',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: PARTITION_COLUMNS.map((name) => ({ name, type: 'string' })),
        parameters: {
          classification: 'parquet',
          EXTERNAL: 'TRUE',
          'parquet.compression': 'SNAPPY',
          // Athena computes the partitions from these: none is ever added, no crawler runs.
          'projection.enabled': 'true',
          'projection.event.type': 'enum',
          'projection.event.values': eventNames.map((name) => catalogue[name].detailType).join(','),
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy-MM-dd',
          // Athena's NOW is UTC; the programme's day may already be tomorrow there.
          'projection.day.range': `${props.firstDay ?? '2025-01-01'},NOW+1DAYS`,
          'projection.day.interval': '1',
          'projection.day.interval.unit': 'DAYS',
          'storage.location.template': `${location}event=\${event}/day=\${day}/`,
        },
        storageDescriptor: {
          columns: archiveColumns().map((field) => ({ name: field.name, type: hiveType(field.type) })),
          location,
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
            parameters: { 'serialization.format': '1' },
          },
          compressed: false,
          storedAsSubDirectories: false,
        },
      },
    });
    table.node.addDependency(database);

    const glueArn = (resource: string, resourceName?: string) =>
      stack.formatArn({ service: 'glue', resource, resourceName });
    const tableArns = [
      glueArn('catalog'),
      glueArn('database', this.databaseName),
      glueArn('table', `${this.databaseName}/${ARCHIVE_TABLE_NAME}`),
    ];

    const logGroup = new logs.LogGroup(this, 'DeliveryLogs', {
      retention: props.logRetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logStream = new logs.LogStream(this, 'S3Delivery', {
      logGroup,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const deliveryRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Firehose writes the event archive: its bucket, its key, the table schema, its logs',
    });
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [this.bucket.bucketArn],
      }),
    );
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${stack.region}.${stack.urlSuffix}` },
        },
      }),
    );
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
        resources: tableArns,
      }),
    );
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:PutLogEvents'],
        resources: [
          stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: `${logGroup.logGroupName}:log-stream:${logStream.logStreamName}`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    this.partitionQuery = archivePartitionQuery(props.utcOffsetSeconds);
    const bufferSizeMiB = props.bufferSizeMiB ?? 128;
    if (bufferSizeMiB < 64) throw new Error('Parquet conversion needs a Firehose buffer of at least 64 MB');
    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamType: 'DirectPut',
      // Records wait in Firehose a few minutes at most; AWS's key spares a KMS grant at every deploy.
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: this.bucket.bucketArn,
        roleArn: deliveryRole.roleArn,
        prefix: `${ARCHIVE_EVENTS_PREFIX}event=!{partitionKeyFromQuery:event}/day=!{partitionKeyFromQuery:day}/`,
        errorOutputPrefix: `${ARCHIVE_ERRORS_PREFIX}!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
        bufferingHints: {
          sizeInMBs: bufferSizeMiB,
          intervalInSeconds: props.bufferIntervalSeconds ?? 300,
        },
        // Parquet compresses its own pages (SNAPPY below); the file itself stays uncompressed.
        compressionFormat: 'UNCOMPRESSED',
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: this.key.keyArn } },
        cloudWatchLoggingOptions: {
          enabled: true,
          logGroupName: logGroup.logGroupName,
          logStreamName: logStream.logStreamName,
        },
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'MetadataExtraction',
              parameters: [
                { parameterName: 'MetadataExtractionQuery', parameterValue: this.partitionQuery },
                { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
              ],
            },
          ],
        },
        dataFormatConversionConfiguration: {
          enabled: true,
          inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
          outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
          schemaConfiguration: {
            catalogId: stack.account,
            databaseName: this.databaseName,
            tableName: ARCHIVE_TABLE_NAME,
            region: stack.region,
            roleArn: deliveryRole.roleArn,
            versionId: 'LATEST',
          },
        },
      },
    });
    this.deliveryStream.node.addDependency(table);
    // The role's policy must exist before Firehose first writes with it.
    this.deliveryStream.node.addDependency(deliveryRole);
    Validations.of(deliveryRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      reason:
        "Firehose names each file by its partition and time as it writes it; the grant covers this archive bucket's objects alone.",
    });

    this.deadLetterQueue = deadLetterQueue(this, 'ArchiveDlq', { usedByRedrivePolicy: false });
    this.rule = new events.Rule(this, 'ArchiveRule', {
      // Named, so that a replay can be told to deliver to this rule alone (lib/analytics/README.md).
      ruleName: archiveRuleName(props.stage),
      eventBus: props.bus,
      description: 'Every catalogue event to the event archive',
      eventPattern: eventPatternFor(eventNames),
    });
    this.rule.addTarget(
      new ArchiveStreamTarget(this.deliveryStream, this.deadLetterQueue, this.archiveRecordInput()),
    );

    const results = `s3://${this.resultsBucket.bucketName}/`;
    this.workGroupName = analyticsWorkGroupName(props.stage);
    new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: 'Reports over the SBM CRM event archive',
      state: 'ENABLED',
      // A throwaway stage's workgroup goes with the stack even after queries ran in it.
      recursiveDeleteOption: !props.retainData,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: results,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.key.keyArn },
        },
      },
    });
  }

  /**
   * The rule's input transformer: the EventBridge event as an archive record (lib/analytics/archive/schema.ts),
   * `detail` passed through as the object it is.
   */
  private archiveRecordInput() {
    return events.RuleTargetInput.fromObject({
      id: events.EventField.eventId,
      detail_type: events.EventField.detailType,
      source: events.EventField.source,
      time: events.EventField.time,
      detail: events.EventField.fromPath('$.detail'),
    });
  }

  /**
   * What a report function needs to query the archive through the workgroup: Athena on the workgroup, Glue
   * reads of the table, S3 reads of the archive, reads and writes of results, and the key for both. ARNs are
   * built from the fixed names in the grantee's stack, so no function stack imports from this one except
   * the key's ARN (as table grants already do).
   */
  grantQuery(grantee: iam.IGrantable) {
    const stack = Stack.of(grantee as unknown as IConstruct);
    const archive = archiveBucketName(this.stage, stack);
    const resultsName = athenaResultsBucketName(this.stage, stack);
    const s3Arn = (resource: string) => `arn:${stack.partition}:s3:::${resource}`;
    const statements = [
      new iam.PolicyStatement({
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
          'athena:GetWorkGroup',
        ],
        resources: [
          stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName }),
        ],
      }),
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName }),
          stack.formatArn({
            service: 'glue',
            resource: 'table',
            resourceName: `${this.databaseName}/${ARCHIVE_TABLE_NAME}`,
          }),
        ],
      }),
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket'],
        resources: [s3Arn(archive), s3Arn(resultsName)],
      }),
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [s3Arn(`${archive}/${ARCHIVE_EVENTS_PREFIX}*`)],
      }),
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [s3Arn(`${resultsName}/*`)],
      }),
    ];
    for (const statement of statements) grantee.grantPrincipal.addToPrincipalPolicy(statement);
    this.key.grant(grantee, 'kms:Decrypt', 'kms:GenerateDataKey');
    const policy = Node.of(grantee.grantPrincipal as unknown as IConstruct).tryFindChild('DefaultPolicy');
    if (!policy) return;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const bucketOf = (name: string) => name.replace(stack.account, account).replace(stack.region, region);
    Validations.of(policy).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucketOf(archive)}/${ARCHIVE_EVENTS_PREFIX}*]`,
        reason:
          "Athena reads the archive's Parquet files, named by Firehose as it writes them; the grant covers the events/ prefix of the archive bucket alone.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucketOf(resultsName)}/*]`,
        reason:
          "Athena writes each query's results under a new key named by its query id; the grant covers the workgroup's results bucket alone.",
      },
    );
  }
}

/**
 * The delivery stream as the archive rule's target, with the retries and dead-letter queue every rule
 * target of the platform has, and a role that may put records into this stream and nothing else.
 */
/** The rule that sends every catalogue event to the archive: a replay into the archive names it. */
export const archiveRuleName = (stage: string) => `sbm-crm-${stage}-event-archive`;

class ArchiveStreamTarget implements events.IRuleTarget {
  constructor(
    private readonly stream: firehose.CfnDeliveryStream,
    private readonly deadLetters: sqs.Queue,
    private readonly input: events.RuleTargetInput,
  ) {}

  bind(rule: events.IRule): events.RuleTargetConfig {
    const scope = this.stream.node.scope as Construct;
    const role = new iam.Role(scope, 'ArchiveRuleRole', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
      }),
      description: 'EventBridge puts catalogue events into the archive stream',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        resources: [this.stream.attrArn],
      }),
    );
    this.deadLetters.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetters.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
      }),
    );
    return {
      arn: this.stream.attrArn,
      role,
      input: this.input,
      targetResource: this.stream,
      deadLetterConfig: { arn: this.deadLetters.queueArn },
      retryPolicy: {
        maximumRetryAttempts: EVENT_TARGET_RETRY_ATTEMPTS,
        maximumEventAgeInSeconds: Duration.hours(EVENT_TARGET_MAX_AGE_HOURS).toSeconds(),
      },
    };
  }
}
