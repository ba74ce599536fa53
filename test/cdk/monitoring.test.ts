// The stage's alarms, alarm topic and dashboard, as synthesized from the real app.
import { fileURLToPath } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import {
  METRICS_PER_ALARM,
  WEB_ACL_METRIC_NAME,
  apiNameOf,
  functionGroups,
  routeGroups,
  thresholds,
} from '../../cdk/constructs/monitoring';
import { tables } from '../../lib/db/tables';
import { declarations } from '../../lib/manifest';
import { queues } from '../../lib/queues/definitions';
import { businessMetrics } from '../../lib/observability/business-metrics';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));

type Built = ReturnType<typeof buildApp>;
type Resource = ReturnType<Template['findResources']>[string];

let built: Built;
let monitoring: Template;
/** Every stack of the app but the monitoring stack: where queues and functions are. */
let others: [Stack, Template][];
let alarms: Resource[];

const stages = cdkJson.context['sbm:stages'];
const prod = {
  ...stages.prod,
  alarmSubscriptions: { email: ['oncall@example.com'], https: ['https://events.example.com/sbm'] },
};

beforeAll(() => {
  const app = new App({
    context: {
      ...cdkJson.context,
      'sbm:stages': { ...stages, prod },
      stage: 'prod',
      'aws:cdk:bundling-stacks': [],
    },
  });
  built = buildApp(app, undefined, { consoleAssets });
  monitoring = Template.fromStack(built.monitoring);
  others = [
    built.core,
    built.api,
    built.console,
    ...built.routeStacks.values(),
    ...built.workerStacks.values(),
  ].map((stack) => [stack, Template.fromStack(stack)]);
  alarms = [monitoring, ...others.map(([, template]) => template)].flatMap((template) =>
    Object.values(template.findResources('AWS::CloudWatch::Alarm')),
  );
});

const alarmNamed = (name: string) => {
  const found = alarms.filter((alarm) => alarm.Properties.AlarmName === `sbm-crm-prod-${name}`);
  expect(found, name).toHaveLength(1);
  return found[0]!.Properties as Record<string, unknown> & {
    Metrics?: { Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: MetricStat }[];
  };
};
interface MetricStat {
  Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[] };
  Period: number;
  Stat: string;
}
const dimension = (stat: MetricStat, name: string) =>
  stat.Metric.Dimensions?.find((entry) => entry.Name === name)?.Value;

/** The topic's ARN as every alarm names it (by its fixed name, in the stage's pinned account and Region). */
const topicArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      `:sns:${cdkJson.context['sbm:stages'].prod.region}:${cdkJson.context['sbm:stages'].prod.account}:sbm-crm-prod-alarms`,
    ],
  ],
};
describe('alarm topic', () => {
  it('is one encrypted, TLS-only topic named for the stage, which CloudWatch may publish to', () => {
    monitoring.resourceCountIs('AWS::SNS::Topic', 1);
    const [topic] = Object.values(monitoring.findResources('AWS::SNS::Topic'));
    expect(topic!.Properties.TopicName).toBe('sbm-crm-prod-alarms');
    expect(topic!.Properties.KmsMasterKeyId).toBeDefined();
    const [policy] = Object.values(monitoring.findResources('AWS::SNS::TopicPolicy'));
    const statements = policy!.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sns:Publish',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
      }),
    );
    const [key] = Object.values(monitoring.findResources('AWS::KMS::Key'));
    expect(key!.Properties.EnableKeyRotation).toBe(true);
    expect(key!.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });

  it("subscribes the stage's e-mail addresses and HTTPS endpoints, and none by default", () => {
    const subscriptions = Object.values(monitoring.findResources('AWS::SNS::Subscription')).map((s) => [
      s.Properties.Protocol,
      s.Properties.Endpoint,
    ]);
    expect(subscriptions.sort()).toEqual([
      ['email', 'oncall@example.com'],
      ['https', 'https://events.example.com/sbm'],
    ]);
    // The dev stage configures none: a topic without subscriptions.
    const dev = new App({
      context: { ...cdkJson.context, stage: 'dev', 'aws:cdk:bundling-stacks': [] },
    });
    const devBuilt = buildApp(dev, undefined, { consoleAssets });
    Template.fromStack(devBuilt.monitoring).resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('receives the alarm and the OK of every alarm of the app', () => {
    expect(alarms.length).toBeGreaterThan(50);
    for (const alarm of alarms) {
      const { AlarmName, AlarmActions, OKActions, AlarmDescription } = alarm.Properties;
      const expected = AlarmName && String(AlarmName).startsWith('sbm-crm-prod-');
      expect(expected, String(AlarmName)).toBe(true);
      // In the monitoring stack the topic is referenced; elsewhere it is named by its fixed ARN.
      for (const actions of [AlarmActions, OKActions]) {
        expect(actions, AlarmName).toHaveLength(1);
        expect([topicArn, { Ref: expect.stringMatching(/^MonitoringAlarms/) }]).toContainEqual(actions[0]);
      }
      expect(String(AlarmDescription).length, AlarmName).toBeGreaterThan(80);
    }
  });
});

describe('alarms', () => {
  it('alarm on the API 5xx rate above 1% over 5 minutes', () => {
    const alarm = alarmNamed('api-5xx-rate');
    expect(alarm.Threshold).toBe(1);
    expect(alarm.ComparisonOperator).toBe('GreaterThanThreshold');
    expect(alarm.EvaluationPeriods).toBe(1);
    const expression = alarm.Metrics!.find((metric) => metric.ReturnData !== false)!;
    expect(expression.Expression).toBe('IF(requests >= 10, 100 * errors / requests, 0)');
    const byId = Object.fromEntries(alarm.Metrics!.map((metric) => [metric.Id, metric.MetricStat]));
    expect(byId.errors!.Metric.MetricName).toBe('5XXError');
    expect(byId.requests!.Metric.MetricName).toBe('Count');
    for (const stat of [byId.errors!, byId.requests!]) {
      expect(stat.Period).toBe(300);
      expect(stat.Stat).toBe('Sum');
      expect(dimension(stat, 'ApiName')).toBe(apiNameOf('prod'));
      expect(dimension(stat, 'Stage')).toBe('prod');
    }
  });

  it('names the API by the name the API stack gives it', () => {
    const api = Template.fromStack(built.api);
    api.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: apiNameOf('prod') });
  });

  it('alarm on the p99 latency of every route, above 1 s, in route groups of at most ten routes', () => {
    const covered: string[] = [];
    for (const [group, routes] of routeGroups(declarations())) {
      const count = Math.ceil(routes.length / METRICS_PER_ALARM);
      for (let part = 1; part <= count; part++) {
        const alarm = alarmNamed(`api-p99-${group}${count > 1 ? `-${part}` : ''}`);
        expect(alarm.Threshold).toBe(1000);
        expect(alarm.EvaluationPeriods).toBe(thresholds.apiP99LatencyMs.evaluationPeriods);
        const stats = alarm.Metrics!.flatMap((metric) => (metric.MetricStat ? [metric.MetricStat] : []));
        expect(stats.length).toBeLessThanOrEqual(METRICS_PER_ALARM);
        expect(alarm.Metrics!.find((metric) => metric.Expression)!.Expression).toMatch(/^MAX\(\[/);
        for (const stat of stats) {
          expect(stat.Metric.MetricName).toBe('Latency');
          expect(stat.Stat).toBe('p99');
          expect(stat.Period).toBe(300);
          covered.push(`${dimension(stat, 'Method') as string} ${dimension(stat, 'Resource') as string}`);
        }
      }
    }
    const routes = declarations().flatMap(([, d]) =>
      d.trigger.kind === 'http' ? [`${d.trigger.route.method} ${d.trigger.route.path}`] : [],
    );
    expect(covered.sort()).toEqual(routes.sort());
  });

  it('alarm on the errors and throttles of every function, per function group of at most ten', () => {
    const covered = { Errors: [] as string[], Throttles: [] as string[] };
    for (const [group, { kind, names }] of functionGroups(declarations())) {
      const count = Math.ceil(names.length / METRICS_PER_ALARM);
      for (let part = 1; part <= count; part++) {
        const suffix = `${group}${count > 1 ? `-${part}` : ''}`;
        for (const [metricName, name, threshold] of [
          ['Errors', `lambda-errors-${suffix}`, kind === 'routes' ? 5 : 1],
          ['Throttles', `lambda-throttles-${suffix}`, 1],
        ] as const) {
          const alarm = alarmNamed(name);
          expect(alarm.Threshold, name).toBe(threshold);
          expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
          expect(alarm.TreatMissingData).toBe('notBreaching');
          const stats = alarm.Metrics!.flatMap((metric) => (metric.MetricStat ? [metric.MetricStat] : []));
          expect(stats.length).toBeLessThanOrEqual(METRICS_PER_ALARM);
          for (const stat of stats) {
            expect(stat.Metric.MetricName).toBe(metricName);
            expect([stat.Stat, stat.Period]).toEqual(['Sum', 300]);
            covered[metricName].push(dimension(stat, 'FunctionName') as string);
          }
        }
      }
    }
    const functions = declarations()
      .map(([name]) => `sbm-crm-prod-${name}`)
      .sort();
    expect(covered.Errors.sort()).toEqual(functions);
    expect(covered.Throttles.sort()).toEqual(functions);
  });

  it('alarm on the depth of every dead-letter queue of the app, found in the templates', () => {
    // A dead-letter queue is any queue that a redrive policy, a rule target, a schedule or an async
    // invoke config names as where failures go.
    const deadLetterQueues = new Set<string>();
    const alarmed = new Set<string>();
    for (const [stack, template] of others) {
      const json = JSON.stringify(template.toJSON().Resources);
      const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
      for (const id of queues) {
        const asTarget = new RegExp(
          `"(deadLetterTargetArn|DeadLetterConfig":\\{"Arn|OnFailure":\\{"Destination)":\\{"Fn::GetAtt":\\["${id}","Arn"\\]\\}`,
        );
        if (asTarget.test(json)) deadLetterQueues.add(`${stack.stackName}/${id}`);
      }
      // One-time schedules are made at run time and name their dead-letter queue by its fixed name.
      for (const [id, queue] of Object.entries(template.findResources('AWS::SQS::Queue')))
        if (String(queue.Properties.QueueName).endsWith('-one-time-schedules-dlq'))
          deadLetterQueues.add(`${stack.stackName}/${id}`);
      for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
        if (alarm.Properties.MetricName !== 'ApproximateNumberOfMessagesVisible') continue;
        const [queue] = alarm.Properties.Dimensions as { Value: { 'Fn::GetAtt': [string, string] } }[];
        expect(alarm.Properties.Threshold).toBe(0);
        expect(alarm.Properties.ComparisonOperator).toBe('GreaterThanThreshold');
        expect([alarm.Properties.Statistic, alarm.Properties.Period]).toEqual(['Maximum', 60]);
        alarmed.add(`${stack.stackName}/${queue!.Value['Fn::GetAtt'][0]}`);
      }
    }
    // The queues' dead-letter queues, one for each event consumer and each schedule, the one-time schedules'
    // and the archive's.
    const triggered = (kind: string) => declarations().filter(([, d]) => d.trigger.kind === kind).length;
    expect(deadLetterQueues.size).toBe(
      Object.keys(queues).length + triggered('event') + triggered('schedule') + 2,
    );
    expect([...alarmed].sort()).toEqual([...deadLetterQueues].sort());
  });

  it('alarm on the oldest POS transaction waiting over 60 s', () => {
    const alarm = alarmNamed('pos-queue-age');
    expect(alarm.MetricName).toBe('ApproximateAgeOfOldestMessage');
    expect([alarm.Threshold, alarm.Period, alarm.Statistic, alarm.EvaluationPeriods]).toEqual([
      60,
      60,
      'Maximum',
      2,
    ]);
    const queueId = (alarm.Dimensions as { Value: { 'Fn::GetAtt': string[] } }[])[0]!.Value['Fn::GetAtt'][0];
    expect(queueId).toMatch(/^QueuesPosTransactions[0-9A-F]{8}$/);
  });

  it('alarm on EventBridge failed invocations and throttled rules', () => {
    for (const [name, metricName] of [
      ['events-failed-invocations', 'FailedInvocations'],
      ['events-throttled-rules', 'ThrottledRules'],
    ]) {
      const alarm = alarmNamed(name!);
      expect([alarm.Namespace, alarm.MetricName, alarm.Statistic, alarm.Period, alarm.Threshold]).toEqual([
        'AWS/Events',
        metricName,
        'Sum',
        300,
        1,
      ]);
    }
  });

  it('alarm on the throttles of every table', () => {
    for (const definition of Object.values(tables)) {
      const alarm = alarmNamed(`table-${definition.id.toLowerCase()}-throttles`);
      expect(alarm.Threshold).toBe(10);
      const names = alarm.Metrics!.flatMap((metric) =>
        metric.MetricStat ? [metric.MetricStat.Metric.MetricName] : [],
      );
      expect(names.sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
      for (const metric of alarm.Metrics!)
        if (metric.MetricStat)
          expect(dimension(metric.MetricStat, 'TableName')).toBe(
            `sbm-crm-prod-${definition.id.toLowerCase()}`,
          );
    }
  });

  it("alarm on the WAF's blocked requests, by the web ACL's own metric name", () => {
    const alarm = alarmNamed('waf-blocked');
    expect([alarm.Namespace, alarm.MetricName, alarm.Threshold, alarm.Period]).toEqual([
      'AWS/WAFV2',
      'BlockedRequests',
      1000,
      300,
    ]);
    const dimensions = Object.fromEntries(
      (alarm.Dimensions as { Name: string; Value: unknown }[]).map((d) => [d.Name, d.Value]),
    );
    expect(dimensions.WebACL).toBe(WEB_ACL_METRIC_NAME);
    expect(dimensions.Rule).toBe('ALL');
    Template.fromStack(built.api).hasResourceProperties('AWS::WAFv2::WebACL', {
      VisibilityConfig: {
        CloudWatchMetricsEnabled: true,
        MetricName: WEB_ACL_METRIC_NAME,
        SampledRequestsEnabled: true,
      },
    });
  });
});

describe('scheduled functions', () => {
  const scheduled = () => declarations().filter(([, d]) => d.trigger.kind === 'schedule');

  it('send a run that fails its two retries to their dead-letter queue, and alarm on their errors', () => {
    expect(scheduled().length).toBeGreaterThanOrEqual(8);
    const workers = others.filter(([stack]) => stack.stackName.includes('-workers'));
    for (const [name] of scheduled()) {
      const found = workers.flatMap(([, template]) => {
        const functions = template.findResources('AWS::Lambda::Function', {
          Properties: { FunctionName: `sbm-crm-prod-${name}` },
        });
        const [fnId] = Object.keys(functions);
        if (!fnId) return [];
        const configs = Object.values(
          template.findResources('AWS::Lambda::EventInvokeConfig', {
            Properties: { FunctionName: { Ref: fnId } },
          }),
        );
        const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
          (schedule) => JSON.stringify(schedule.Properties.Target.Arn).includes(fnId),
        );
        return [{ configs, schedules }];
      });
      expect(found, name).toHaveLength(1);
      const [{ configs, schedules }] = found as [{ configs: Resource[]; schedules: Resource[] }];
      expect(configs, name).toHaveLength(1);
      expect(schedules, name).toHaveLength(1);
      const config = configs[0]!.Properties;
      expect(config.MaximumRetryAttempts).toBe(2);
      // The same queue as the schedule's: every failed run of the function ends there.
      expect(config.DestinationConfig.OnFailure.Destination).toEqual(
        schedules[0]!.Properties.Target.DeadLetterConfig.Arn,
      );
      const alarm = alarmNamed(`scheduled-${name}-errors`);
      expect([alarm.MetricName, alarm.Statistic, alarm.Period, alarm.Threshold]).toEqual([
        'Errors',
        'Sum',
        300,
        1,
      ]);
      expect(alarm.Dimensions).toEqual([{ Name: 'FunctionName', Value: `sbm-crm-prod-${name}` }]);
    }
  });
});

describe('dashboard', () => {
  let widgets: { type: string; properties: { title?: string; metrics?: unknown[] } }[];
  let body: string;

  beforeAll(() => {
    const [dashboard] = Object.values(monitoring.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboard!.Properties.DashboardName).toBe('sbm-crm-prod');
    // The body is a join of strings and tokens (the region): the tokens are replaced by a placeholder.
    const parts = dashboard!.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    body = parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
    widgets = (JSON.parse(body) as { widgets: typeof widgets }).widgets;
  });

  const titled = (title: string) => {
    const widget = widgets.find((candidate) => candidate.properties.title === title);
    expect(widget, title).toBeDefined();
    return JSON.stringify(widget);
  };

  it("shows the API's requests, 4xx and 5xx, and p50 and p99 latency by route group", () => {
    const requests = titled('API requests, 4xx and 5xx');
    for (const name of ['"Count"', '"4XXError"', '"5XXError"']) expect(requests).toContain(name);
    for (const group of routeGroups(declarations()).keys()) {
      expect(titled(`${group} routes: latency p50 (ms)`)).toContain('"p50"');
      expect(titled(`${group} routes: latency p99 (ms)`)).toContain('"p99"');
    }
  });

  it('shows Lambda errors, throttles and concurrency', () => {
    const errors = titled('Lambda errors by function group');
    for (const group of functionGroups(declarations()).keys()) expect(errors).toContain(`"label":"${group}"`);
    expect(titled('Lambda throttles by function group')).toContain('Throttles');
    expect(titled('Lambda concurrency (account)')).toContain('ConcurrentExecutions');
  });

  it('shows queue depth and age and dead-letter depth, EventBridge and DynamoDB', () => {
    expect(titled('Queue depth (messages visible)')).toContain('SbmCrm-prod-');
    expect(titled('Age of the oldest message (s)')).toContain('ApproximateAgeOfOldestMessage');
    expect(titled('Dead-letter queue depth')).toContain('Dlq');
    expect(titled('EventBridge (account): invocations, failures, throttles')).toContain('FailedInvocations');
    expect(titled('EventBridge sbm-crm-prod: failed invocations by rule')).toContain('EventBusName');
    expect(titled('DynamoDB consumed capacity')).toContain('ConsumedWriteCapacityUnits');
    expect(titled('DynamoDB throttle events')).toContain('ReadThrottleEvents');
    expect(titled('WAF allowed and blocked requests')).toContain('BlockedRequests');
  });

  it('shows every business metric, summed over services', () => {
    for (const name of Object.keys(businessMetrics))
      expect(body).toContain(`SUM(SEARCH('{SbmCrm,service} MetricName=\\"${name}\\"', 'Sum', 300))`);
  });

  it("shows the monitoring stack's alarms", () => {
    expect(widgets[0]!.type).toBe('alarm');
  });
});

describe('monitoring stack', () => {
  it('depends on no stack and stays well under 500 resources', () => {
    expect(built.monitoring.dependencies).toEqual([]);
    expect(Object.keys(monitoring.toJSON().Resources as object).length).toBeLessThan(250);
  });

  it('reports no cdk-nag finding', () => {
    const report = new AwsSolutionsChecks().validateScope(built.monitoring);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
