import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { tables } from '../../lib/db/tables';
import { PLATFORM_BUS_NAME } from '../../lib/events/rules';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import { businessMetrics } from '../../lib/observability/business-metrics';
import type { StageConfig } from '../config';
import { servesTheApi } from '../stack-groups';
import { tablePhysicalName } from './data';
import { isDeadLetterQueue } from './dead-letter-queue';

/** The stage's alarm topic, named so that an alarm in any stack reaches it without a cross-stack reference. */
export const alarmTopicName = (stage: string) => `sbm-crm-${stage}-alarms`;

/** The REST API's name (cdk/constructs/api.ts), which is the `ApiName` dimension of its metrics. */
export const apiNameOf = (stage: string) => `sbm-crm-${stage}`;

/** The web ACL's metric name (its visibility config in cdk/constructs/api.ts): the `WebACL` dimension. */
export const WEB_ACL_METRIC_NAME = 'sbm-crm-api';

/** CloudWatch allows an alarm on metric math 10 metrics at most: larger groups are split in parts of 10. */
export const METRICS_PER_ALARM = 10;

/**
 * Every threshold in one place, each with the period it is measured over. The report of issue 20 and
 * cdk/README.md describe them; test/cdk/monitoring.test.ts asserts the synthesized alarms against them.
 */
export const thresholds = {
  /** Per cent of API requests answered 5xx over five minutes (computed once ten requests arrived). */
  api5xxPercent: { value: 1, periodMinutes: 5, evaluationPeriods: 1, minimumRequests: 10 },
  /** p99 latency of the slowest route of a route group, in milliseconds, for two five-minute periods. */
  apiP99LatencyMs: { value: 1000, periodMinutes: 5, evaluationPeriods: 2 },
  /** Unhandled errors of a group's route functions over five minutes (the 5xx alarm sees their answers). */
  routeErrors: { value: 5, periodMinutes: 5, evaluationPeriods: 1 },
  /** Errors of a group's workers over five minutes: each one is a retry and may become a dead letter. */
  workerErrors: { value: 1, periodMinutes: 5, evaluationPeriods: 1 },
  /** Throttled invocations of a function group over five minutes. */
  throttles: { value: 1, periodMinutes: 5, evaluationPeriods: 1 },
  /** Errors of one scheduled function over five minutes. */
  scheduledErrors: { value: 1, periodMinutes: 5, evaluationPeriods: 1 },
  /** Messages in a dead-letter queue: any. */
  deadLetters: { value: 0, periodMinutes: 1, evaluationPeriods: 1 },
  /** Age in seconds of the oldest POS transaction waiting, for two one-minute periods. */
  posQueueAgeSeconds: { value: 60, periodMinutes: 1, evaluationPeriods: 2 },
  /** EventBridge deliveries to targets that failed for good over five minutes. */
  eventFailedInvocations: { value: 1, periodMinutes: 5, evaluationPeriods: 1 },
  /** Rule invocations EventBridge throttled over five minutes. */
  eventThrottledRules: { value: 1, periodMinutes: 5, evaluationPeriods: 1 },
  /** Throttled reads and writes of one table over five minutes. */
  tableThrottles: { value: 10, periodMinutes: 5, evaluationPeriods: 1 },
  /** Requests the WAF blocked over five minutes. */
  wafBlocked: { value: 1000, periodMinutes: 5, evaluationPeriods: 1 },
} as const;

type Threshold = (typeof thresholds)[keyof typeof thresholds];

/** Sends an alarm's state changes (into and out of alarm) to the stage's topic, named by its ARN. */
export function notifyTopic(alarm: cloudwatch.Alarm, topicArn: string) {
  const action: cloudwatch.IAlarmAction = { bind: () => ({ alarmActionArn: topicArn }) };
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
}

/** The ARN of the stage's alarm topic, as seen from any stack of the app (same account and region). */
export const alarmTopicArn = (scope: IConstruct, stage: string) =>
  Stack.of(scope).formatArn({ service: 'sns', resource: alarmTopicName(stage) });

function alarm(
  scope: Construct,
  id: string,
  props: {
    stage: string;
    name: string;
    metric: cloudwatch.IMetric;
    threshold: Threshold;
    /** What the alarm means and what to do about it. */
    description: string;
    comparison?: cloudwatch.ComparisonOperator;
  },
) {
  const created = new cloudwatch.Alarm(scope, id, {
    alarmName: `sbm-crm-${props.stage}-${props.name}`,
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold.value,
    evaluationPeriods: props.threshold.evaluationPeriods,
    comparisonOperator: props.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    // No data means nothing happened: no requests, no errors, no messages.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  notifyTopic(created, alarmTopicArn(scope, props.stage));
  return created;
}

const minutes = (threshold: Threshold) => Duration.minutes(threshold.periodMinutes);

/** Parts of at most `size` items, in order. */
function parts<T>(items: readonly T[], size = METRICS_PER_ALARM): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/** A metric math expression over a list of metrics (ids m0, m1, ...): `SUM([m0, m1])`, `MAX(...)`. */
function across(
  fn: 'SUM' | 'MAX',
  metrics: cloudwatch.IMetric[],
  options: { label: string; period: Duration; prefix?: string },
) {
  const prefix = options.prefix ?? 'm';
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`${prefix}${index}`, metric]));
  return new cloudwatch.MathExpression({
    expression: `${fn}([${Object.keys(usingMetrics).join(', ')}])`,
    usingMetrics,
    label: options.label,
    period: options.period,
  });
}

/** The functions of a stage grouped by service and kind (route functions or workers), in manifest order. */
export function functionGroups(entries: [string, FunctionDeclaration][]) {
  const groups = new Map<string, { kind: 'routes' | 'workers'; names: string[] }>();
  for (const [name, declaration] of entries) {
    const kind = servesTheApi(declaration) ? 'routes' : 'workers';
    const key = `${declaration.service}-${kind}`;
    if (!groups.has(key)) groups.set(key, { kind, names: [] });
    groups.get(key)!.names.push(name);
  }
  return groups;
}

/** The API's routes grouped by service: the route groups of the latency alarms and widgets. */
export function routeGroups(entries: [string, FunctionDeclaration][]) {
  const groups = new Map<string, { method: string; path: string }[]>();
  for (const [, declaration] of entries) {
    if (declaration.trigger.kind !== 'http') continue;
    const { method, path } = declaration.trigger.route;
    if (!groups.has(declaration.service)) groups.set(declaration.service, []);
    groups.get(declaration.service)!.push({ method, path });
  }
  return groups;
}

/**
 * The alarms that watch a resource without a fixed name are built beside it, in its own stack, and name
 * the alarm topic by its fixed ARN: every dead-letter queue (found by `isDeadLetterQueue`, whichever
 * construct made it) and the POS queue's oldest message. Call once every stack is built.
 */
export function alarmOnQueues(
  scope: IConstruct,
  props: { stage: string; posQueue: sqs.IQueue },
): cloudwatch.Alarm[] {
  const alarms: cloudwatch.Alarm[] = [];
  const deadLetterQueues = scope.node.findAll().filter(isDeadLetterQueue);
  for (const queue of deadLetterQueues) {
    alarms.push(
      alarm(queue, 'DepthAlarm', {
        stage: props.stage,
        name: `dlq-${queue.node.id}`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          statistic: cloudwatch.Stats.MAXIMUM,
          period: minutes(thresholds.deadLetters),
        }),
        threshold: thresholds.deadLetters,
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `Messages in the dead-letter queue ${queue.node.path}: work that failed every retry and was not done (an event not consumed, a queued message not processed, a scheduled run that failed). Read a message for its error, fix the cause, then redrive it (staff console or SQS's redrive); the messages are kept 14 days.`,
      }),
    );
  }
  alarms.push(
    alarm(Stack.of(props.posQueue), 'PosQueueAgeAlarm', {
      stage: props.stage,
      name: 'pos-queue-age',
      metric: props.posQueue.metricApproximateAgeOfOldestMessage({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: minutes(thresholds.posQueueAgeSeconds),
      }),
      threshold: thresholds.posQueueAgeSeconds,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      description:
        'The oldest POS transaction has waited over 60 s for 2 minutes: members are not credited for purchases as they pay. Check the POS consumer (sbm-crm-<stage>-creditPosTransaction) for errors and throttles, and its reserved concurrency against the intake rate.',
    }),
  );
  return alarms;
}

export interface MonitoringProps {
  stage: string;
  config: StageConfig;
  /** Every function of the stage, from the manifest. */
  declarations: [string, FunctionDeclaration][];
}

/**
 * What tells operations that something is wrong: the stage's alarm topic (encrypted with a key of its
 * own, which CloudWatch may use; TLS only) and its subscriptions from the stage's configuration, the
 * alarms on metrics named by fixed names (API, functions, EventBridge, tables, WAF) and the stage's
 * dashboard. Everything is named by its physical name, so nothing here refers to another stack.
 */
export class MonitoringConstruct extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.stage = props.stage;
    const key = new kms.Key(this, 'AlarmKey', {
      description: `Encrypts the alarm notifications of SBM CRM (${props.stage})`,
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic: it needs the key's data keys.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Alarms', {
      topicName: alarmTopicName(props.stage),
      displayName: `SBM CRM ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*' }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    for (const email of props.config.alarmSubscriptions.email)
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    for (const url of props.config.alarmSubscriptions.https)
      this.topic.addSubscription(
        new subscriptions.UrlSubscription(url, { protocol: sns.SubscriptionProtocol.HTTPS }),
      );

    const apiWidgets = this.alarmOnApi(props.declarations);
    const lambdaWidgets = this.alarmOnFunctions(props.declarations);
    const eventWidgets = this.alarmOnEvents();
    const tableWidgets = this.alarmOnTables();
    const wafWidgets = this.alarmOnFirewall();
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `sbm-crm-${props.stage}`,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: this.alarms,
        width: 24,
        height: 4,
      }),
    );
    this.dashboard.addWidgets(...this.businessWidgets());
    this.dashboard.addWidgets(...apiWidgets);
    this.dashboard.addWidgets(...lambdaWidgets);
    this.dashboard.addWidgets(...this.queueWidgets());
    this.dashboard.addWidgets(...eventWidgets);
    this.dashboard.addWidgets(...tableWidgets);
    this.dashboard.addWidgets(...wafWidgets);
  }

  private add(id: string, props: Omit<Parameters<typeof alarm>[2], 'stage'>) {
    const created = alarm(this, id, { ...props, stage: this.stage });
    this.alarms.push(created);
    return created;
  }

  private apiMetric(
    metricName: string,
    statistic: string,
    period: Duration,
    route?: { method: string; path: string },
  ) {
    return new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      statistic,
      period,
      dimensionsMap: {
        ApiName: apiNameOf(this.stage),
        Stage: this.stage,
        ...(route && { Method: route.method, Resource: route.path }),
      },
      label: route ? `${route.method} ${route.path}` : undefined,
    });
  }

  /** The 5xx rate of the whole API and the p99 latency of each route group (needs detailed metrics). */
  private alarmOnApi(entries: [string, FunctionDeclaration][]): cloudwatch.IWidget[] {
    const rate = thresholds.api5xxPercent;
    const period = minutes(rate);
    this.add('Api5xxRate', {
      name: 'api-5xx-rate',
      metric: new cloudwatch.MathExpression({
        expression: `IF(requests >= ${rate.minimumRequests}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: this.apiMetric('5XXError', cloudwatch.Stats.SUM, period),
          requests: this.apiMetric('Count', cloudwatch.Stats.SUM, period),
        },
        label: '5xx answers (% of requests)',
        period,
      }),
      threshold: rate,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `More than 1% of API requests were answered 5xx over 5 minutes (once ${rate.minimumRequests} requests arrived): members, staff or tills see failures. Find the failing routes in the dashboard's latency and Lambda error widgets and the API's access logs, then the function's logs by correlation id; a deploy just before is the first suspect (roll it back).`,
    });
    const latency = thresholds.apiP99LatencyMs;
    const widgets: cloudwatch.IWidget[] = [
      new cloudwatch.GraphWidget({
        title: 'API requests, 4xx and 5xx',
        left: [
          this.apiMetric('Count', cloudwatch.Stats.SUM, period),
          this.apiMetric('4XXError', cloudwatch.Stats.SUM, period),
          this.apiMetric('5XXError', cloudwatch.Stats.SUM, period),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency p50 and p99 (ms)',
        left: [
          this.apiMetric('Latency', cloudwatch.Stats.p(50), period).with({ label: 'p50' }),
          this.apiMetric('Latency', cloudwatch.Stats.p(99), period).with({ label: 'p99' }),
          this.apiMetric('IntegrationLatency', cloudwatch.Stats.p(99), period).with({
            label: 'integration p99',
          }),
        ],
        leftAnnotations: [{ value: latency.value, label: 'p99 alarm' }],
        width: 12,
      }),
    ];
    for (const [group, routes] of routeGroups(entries)) {
      const chunks = parts(routes);
      chunks.forEach((chunk, index) => {
        const part = chunks.length > 1 ? `-${index + 1}` : '';
        this.add(`ApiP99${group}${part}`, {
          name: `api-p99-${group}${part}`,
          metric: across(
            'MAX',
            chunk.map((route) => this.apiMetric('Latency', cloudwatch.Stats.p(99), minutes(latency), route)),
            { label: `slowest p99 of ${group}${part} (ms)`, period: minutes(latency) },
          ),
          threshold: latency,
          comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          description: `The p99 latency of a ${group} route (${chunk.map((route) => `${route.method} ${route.path}`).join(', ')}) stayed above 1 s for 2 periods of 5 minutes. See which route in the dashboard's ${group} latency widget; check its function's duration, cold starts and throttles, and the table's throttles.`,
        });
      });
      for (const [stat, label] of [
        [cloudwatch.Stats.p(50), 'p50'],
        [cloudwatch.Stats.p(99), 'p99'],
      ] as const) {
        widgets.push(
          new cloudwatch.GraphWidget({
            title: `${group} routes: latency ${label} (ms)`,
            left: routes.map((route) => this.apiMetric('Latency', stat, period, route)),
            ...(label === 'p99' && { leftAnnotations: [{ value: latency.value, label: 'alarm' }] }),
            legendPosition: cloudwatch.LegendPosition.RIGHT,
            width: 12,
          }),
        );
      }
    }
    return widgets;
  }

  /** A function's metric, labelled with its name when it is one of several in a graph or expression. */
  private lambdaMetric(name: string, metricName: string, period: Duration, labelled = true) {
    return new cloudwatch.Metric({
      namespace: 'AWS/Lambda',
      metricName,
      statistic: cloudwatch.Stats.SUM,
      period,
      dimensionsMap: { FunctionName: `sbm-crm-${this.stage}-${name}` },
      label: labelled ? name : undefined,
    });
  }

  /** Errors and throttles per function group (in parts of ten), and each scheduled function's errors. */
  private alarmOnFunctions(entries: [string, FunctionDeclaration][]): cloudwatch.IWidget[] {
    const period = Duration.minutes(5);
    const errorsByGroup: cloudwatch.IMetric[] = [];
    const throttlesByGroup: cloudwatch.IMetric[] = [];
    for (const [group, { kind, names }] of functionGroups(entries)) {
      const chunks = parts(names);
      chunks.forEach((chunk, index) => {
        const part = chunks.length > 1 ? `-${index + 1}` : '';
        const errors = kind === 'routes' ? thresholds.routeErrors : thresholds.workerErrors;
        this.add(`Errors${group}${part}`, {
          name: `lambda-errors-${group}${part}`,
          metric: across(
            'SUM',
            chunk.map((name) => this.lambdaMetric(name, 'Errors', minutes(errors))),
            { label: `errors of ${group}${part}`, period: minutes(errors) },
          ),
          threshold: errors,
          description:
            kind === 'routes'
              ? `At least ${errors.value} unhandled errors in 5 minutes among the ${group} route functions (${chunk.join(', ')}): callers got 5xx. Find the function in the dashboard's Lambda errors widget, then its log lines by correlation id.`
              : `A ${group} worker (${chunk.join(', ')}) failed in the last 5 minutes: its event or message is retried and, failing again, dead-lettered. Read the function's error in its logs; the dead-letter alarm follows if retries fail.`,
        });
        this.add(`Throttles${group}${part}`, {
          name: `lambda-throttles-${group}${part}`,
          metric: across(
            'SUM',
            chunk.map((name) => this.lambdaMetric(name, 'Throttles', minutes(thresholds.throttles))),
            { label: `throttles of ${group}${part}`, period: minutes(thresholds.throttles) },
          ),
          threshold: thresholds.throttles,
          description: `Lambda throttled invocations of a ${group} function (${chunk.join(', ')}) in the last 5 minutes: the account's concurrency or the function's reserved concurrency is exhausted. Check the concurrency widget; raise the account quota or the reservation (see the capacity plan in cdk/README.md).`,
        });
      });
      const slug = group.replace(/[^a-zA-Z0-9]/g, '');
      const groupSum = (metric: 'Errors' | 'Throttles', prefix: string) =>
        across(
          'SUM',
          names.map((name) => this.lambdaMetric(name, metric, period)),
          { label: group, period, prefix: `${prefix}${slug}` },
        );
      errorsByGroup.push(groupSum('Errors', 'e'));
      throttlesByGroup.push(groupSum('Throttles', 't'));
    }
    for (const [name, declaration] of entries) {
      if (declaration.trigger.kind !== 'schedule') continue;
      const limit = thresholds.scheduledErrors;
      this.add(`Scheduled${name}Errors`, {
        name: `scheduled-${name}-errors`,
        metric: this.lambdaMetric(name, 'Errors', minutes(limit), false),
        threshold: limit,
        description: `The scheduled function ${name} (${declaration.trigger.expression}: ${declaration.trigger.description}) failed. Lambda retries it twice; a run that fails every retry lands in its dead-letter queue, whose alarm follows. Read the error in the function's logs; run it again once fixed if the missed run matters.`,
      });
    }
    const account = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName, statistic, period: Duration.minutes(1) });
    return [
      new cloudwatch.GraphWidget({
        title: 'Lambda errors by function group',
        left: errorsByGroup,
        legendPosition: cloudwatch.LegendPosition.RIGHT,
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda throttles by function group',
        left: throttlesByGroup,
        legendPosition: cloudwatch.LegendPosition.RIGHT,
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda concurrency (account)',
        left: [
          account('ConcurrentExecutions', cloudwatch.Stats.MAXIMUM),
          account('UnreservedConcurrentExecutions', cloudwatch.Stats.MAXIMUM),
        ],
        width: 12,
      }),
    ];
  }

  /**
   * Queue widgets find the stage's queues by search: their names are made by CloudFormation from the
   * stack's name (`SbmCrm-<stage>-...`), and dead-letter queues' from ids ending in `Dlq`.
   */
  private queueWidgets(): cloudwatch.IWidget[] {
    const search = (metricName: string, statistic: string, extra = '') =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{AWS/SQS,QueueName} MetricName="${metricName}" "SbmCrm-${this.stage}-"${extra}', '${statistic}', 60)`,
        label: '',
        period: Duration.minutes(1),
      });
    return [
      new cloudwatch.GraphWidget({
        title: 'Queue depth (messages visible)',
        left: [search('ApproximateNumberOfMessagesVisible', 'Maximum')],
        legendPosition: cloudwatch.LegendPosition.RIGHT,
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Age of the oldest message (s)',
        left: [search('ApproximateAgeOfOldestMessage', 'Maximum')],
        leftAnnotations: [{ value: thresholds.posQueueAgeSeconds.value, label: 'POS alarm' }],
        legendPosition: cloudwatch.LegendPosition.RIGHT,
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queue depth',
        left: [search('ApproximateNumberOfMessagesVisible', 'Maximum', ' Dlq')],
        legendPosition: cloudwatch.LegendPosition.RIGHT,
        width: 8,
      }),
    ];
  }

  /** EventBridge's failed and throttled rule invocations (account-wide metrics: rules' names are generated). */
  private alarmOnEvents(): cloudwatch.IWidget[] {
    const account = (metricName: string, period: Duration) =>
      new cloudwatch.Metric({ namespace: 'AWS/Events', metricName, statistic: cloudwatch.Stats.SUM, period });
    const failed = thresholds.eventFailedInvocations;
    this.add('EventsFailedInvocations', {
      name: 'events-failed-invocations',
      metric: account('FailedInvocations', minutes(failed)),
      threshold: failed,
      description:
        "EventBridge failed to deliver events to a target after its retries (account-wide): they went to the rule target's dead-letter queue, or were lost where a target has none. Find the rule in the EventBridge widget, then the dead-letter queue alarm and the target's permissions.",
    });
    const throttled = thresholds.eventThrottledRules;
    this.add('EventsThrottledRules', {
      name: 'events-throttled-rules',
      metric: account('ThrottledRules', minutes(throttled)),
      threshold: throttled,
      description:
        'EventBridge throttled rule invocations (account-wide): the invocation quota is exhausted and deliveries are delayed and retried. Request the quota increase in the capacity plan (cdk/README.md) or reduce the fan-out.',
    });
    const bus = `${PLATFORM_BUS_NAME}-${this.stage}`;
    const period = Duration.minutes(5);
    return [
      new cloudwatch.GraphWidget({
        title: 'EventBridge (account): invocations, failures, throttles',
        left: [
          account('Invocations', period),
          account('TriggeredRules', period),
          account('FailedInvocations', period),
          account('ThrottledRules', period),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: `EventBridge ${bus}: failed invocations by rule`,
        left: [
          new cloudwatch.MathExpression({
            expression: `SEARCH('{AWS/Events,EventBusName,RuleName} MetricName="FailedInvocations" EventBusName="${bus}"', 'Sum', 300)`,
            label: '',
            period,
          }),
        ],
        legendPosition: cloudwatch.LegendPosition.RIGHT,
        width: 12,
      }),
    ];
  }

  /** Throttled reads and writes of each table, with consumed capacity on the dashboard. */
  private alarmOnTables(): cloudwatch.IWidget[] {
    const limit = thresholds.tableThrottles;
    const period = Duration.minutes(5);
    const metric = (tableName: string, metricName: string, p: Duration) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        statistic: cloudwatch.Stats.SUM,
        period: p,
        dimensionsMap: { TableName: tableName },
        label: `${tableName} ${metricName}`,
      });
    const capacity: cloudwatch.IMetric[] = [];
    const throttles: cloudwatch.IMetric[] = [];
    for (const definition of Object.values(tables)) {
      const tableName = tablePhysicalName(this.stage, definition);
      const id = definition.id.toLowerCase();
      this.add(`Table${definition.id}Throttles`, {
        name: `table-${id}-throttles`,
        metric: new cloudwatch.MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: metric(tableName, 'ReadThrottleEvents', minutes(limit)),
            writes: metric(tableName, 'WriteThrottleEvents', minutes(limit)),
          },
          label: `${tableName} throttle events`,
          period: minutes(limit),
        }),
        threshold: limit,
        description: `DynamoDB throttled at least ${limit.value} reads or writes of ${tableName} in 5 minutes: a hot partition (one item or key written by every request) or on-demand capacity doubling too slowly. The SDK retries, so requests slow down before they fail. Check the dashboard's table widget and CloudWatch Contributor Insights for the hot key.`,
      });
      capacity.push(
        metric(tableName, 'ConsumedReadCapacityUnits', period),
        metric(tableName, 'ConsumedWriteCapacityUnits', period),
      );
      throttles.push(
        metric(tableName, 'ReadThrottleEvents', period),
        metric(tableName, 'WriteThrottleEvents', period),
      );
    }
    return [
      new cloudwatch.GraphWidget({ title: 'DynamoDB consumed capacity', left: capacity, width: 12 }),
      new cloudwatch.GraphWidget({ title: 'DynamoDB throttle events', left: throttles, width: 12 }),
    ];
  }

  /** The WAF's blocked requests (the web ACL's own metric: every rule). */
  private alarmOnFirewall(): cloudwatch.IWidget[] {
    const limit = thresholds.wafBlocked;
    const metric = (metricName: string, period: Duration) =>
      new cloudwatch.Metric({
        namespace: 'AWS/WAFV2',
        metricName,
        statistic: cloudwatch.Stats.SUM,
        period,
        dimensionsMap: { WebACL: WEB_ACL_METRIC_NAME, Rule: 'ALL', Region: Stack.of(this).region },
      });
    this.add('WafBlocked', {
      name: 'waf-blocked',
      metric: metric('BlockedRequests', minutes(limit)),
      threshold: limit,
      description: `The WAF blocked at least ${limit.value} requests in 5 minutes: an attack, or a rule blocking real traffic (tills behind one NAT, large POS bodies). Look at the web ACL's sampled requests and the WAF logs: if the blocked requests are customers', scope the rule down; if an attack, nothing to do but watch the API's latency.`,
    });
    return [
      new cloudwatch.GraphWidget({
        title: 'WAF allowed and blocked requests',
        left: [
          metric('AllowedRequests', Duration.minutes(5)),
          metric('BlockedRequests', Duration.minutes(5)),
        ],
        width: 12,
      }),
    ];
  }

  /** Business counters (lib/observability/business-metrics.ts), summed over the `service` dimension. */
  private businessWidgets(): cloudwatch.IWidget[] {
    const period = Duration.minutes(5);
    const sum = (name: keyof typeof businessMetrics) =>
      new cloudwatch.MathExpression({
        expression: `SUM(SEARCH('{SbmCrm,service} MetricName="${name}"', 'Sum', ${period.toSeconds()}))`,
        label: businessMetrics[name].description,
        period,
      });
    const groups: [string, (keyof typeof businessMetrics)[]][] = [
      ['Members and purchases', ['MembersRegistered', 'PurchasesCredited', 'PurchasesUnmatched']],
      ['Points', ['PointsIssued', 'PointsRedeemed']],
      ['Redemptions and campaign awards', ['Redemptions', 'CampaignAwards']],
      ['WeChat messages', ['MessagesSent', 'MessagesFailed']],
    ];
    return groups.map(
      ([title, names]) => new cloudwatch.GraphWidget({ title, left: names.map(sum), width: 6 }),
    );
  }
}
