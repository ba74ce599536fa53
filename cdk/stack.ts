import { join } from 'node:path';
import { CfnOutput, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tables, type TableName } from '../lib/db/tables';
import type { RouteContract } from '../lib/http/route';
import { declarations } from '../lib/manifest';
import type { FunctionDeclaration } from '../lib/manifest/types';
import { secretVariables } from '../lib/secrets';
import { queues, type QueueName } from '../lib/queues/definitions';
import type { StageConfig } from './config';
import { ApiConstruct } from './constructs/api';
import { CrmFunction } from './constructs/crm-function';
import { DataConstruct } from './constructs/data';
import { EventsConstruct } from './constructs/events';
import { QueuesConstruct } from './constructs/queues';
import { SchedulesConstruct } from './constructs/schedules';
import { SecretsConstruct } from './constructs/secrets';

export interface CrmStackProps extends StackProps {
  stage: string;
  config: StageConfig;
  /** Repository root, where the manifest's handler paths start. */
  root: string;
}

/** The whole platform, built from the manifest: every function with its trigger and least-privilege grants. */
export class CrmStack extends Stack {
  readonly functions: Record<string, CrmFunction> = {};

  constructor(scope: Construct, id: string, props: CrmStackProps) {
    super(scope, id, props);
    const { stage, config } = props;
    const data = new DataConstruct(this, 'Data', { stage, retainData: config.retainData });
    const eventBus = new EventsConstruct(this, 'Events', { stage });
    const secrets = new SecretsConstruct(this, 'Secrets', { stage });
    const consumerTimeouts: Partial<Record<QueueName, number>> = {};
    for (const [, declaration] of declarations()) {
      if (declaration.trigger.kind === 'queue')
        consumerTimeouts[declaration.trigger.queue] = declaration.timeoutSeconds ?? 10;
    }
    const workQueues = new QueuesConstruct(this, 'Queues', { consumerTimeoutSeconds: consumerTimeouts });
    const schedules = new SchedulesConstruct(this, 'Schedules', { stage });

    const build = (name: string, declaration: FunctionDeclaration) => {
      const fn = new CrmFunction(this, name, {
        name,
        stage,
        entry: join(props.root, declaration.handler),
        declaration,
        logRetentionDays: config.logRetentionDays,
        environment: this.environmentFor(declaration, config),
      });
      const access = declaration.access;
      for (const [table, level] of Object.entries(access.tables ?? {}) as [
        TableName,
        'read' | 'readWrite',
      ][]) {
        fn.addEnvironment(tables[table].envVar, data.tables[table].tableName);
        if (level === 'read') data.tables[table].grantReadData(fn);
        else {
          data.tables[table].grantReadWriteData(fn);
          acknowledgeKmsWriteWildcards(fn);
        }
      }
      if (access.publishesEvents) {
        fn.addEnvironment('EVENT_BUS_NAME', eventBus.bus.eventBusName);
        eventBus.bus.grantPutEventsTo(fn);
      }
      for (const queue of access.sendsTo ?? []) {
        fn.addEnvironment(queues[queue].envVar, workQueues.queues[queue].queueUrl);
        workQueues.queues[queue].grantSendMessages(fn);
      }
      for (const queue of access.redrives ?? []) workQueues.grantRedrive(fn, queue);
      for (const secret of access.secrets ?? []) {
        secrets.secrets[secret].grantRead(fn);
        fn.addEnvironment(secretVariables[secret].arn, secrets.secrets[secret].secretArn);
      }
      this.acknowledgeIndexWildcards(
        fn,
        (Object.keys(access.tables ?? {}) as TableName[])
          .filter((table) => tables[table].globalIndexes.length > 0)
          .map((table) => data.tables[table]),
      );
      this.functions[name] = fn;
      return fn;
    };

    const entries = declarations();
    const authorizerEntry = entries.find(([, declaration]) => declaration.trigger.kind === 'authorizer');
    if (!authorizerEntry || authorizerEntry[1].trigger.kind !== 'authorizer')
      throw new Error('The manifest declares no authorizer');
    const api = new ApiConstruct(this, 'Http', {
      stage,
      authorizer: build(authorizerEntry[0], authorizerEntry[1]),
      authorizerCacheTtlSeconds: authorizerEntry[1].trigger.cacheTtlSeconds,
      logRetentionDays: config.logRetentionDays,
      corsAllowOrigin: config.corsAllowOrigin,
    });

    for (const [name, declaration] of entries) {
      const trigger = declaration.trigger;
      if (trigger.kind === 'authorizer') continue;
      const fn = build(name, declaration);
      switch (trigger.kind) {
        case 'http':
          api.addRoute(fn, trigger.route as RouteContract);
          break;
        case 'event':
          eventBus.addConsumer(name, fn, trigger.events);
          break;
        case 'queue':
          workQueues.addConsumer(fn, trigger.queue, trigger);
          break;
        case 'schedule':
          schedules.addSchedule(name, fn, trigger.expression, trigger.description);
          break;
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: api.api.url });
    new CfnOutput(this, 'EventBusName', { value: eventBus.bus.eventBusName });
  }

  private environmentFor(declaration: FunctionDeclaration, config: StageConfig): Record<string, string> {
    const environment: Record<string, string> = { CORS_ALLOW_ORIGIN: config.corsAllowOrigin };
    if (declaration.access.secrets?.includes('wechatApp')) {
      Object.assign(environment, {
        WECHAT_APPID: config.wechatAppId,
        WECHAT_API_BASE: config.wechatApiBase,
        WECHAT_TEMPLATE_WELCOME: config.wechatWelcomeTemplateId,
        WECHAT_TEMPLATE_MILESTONE: config.wechatMilestoneTemplateId,
      });
    }
    return environment;
  }

  /**
   * CDK's grants on a table with indexes name `<table>/index/*`: every index of this function's own
   * table, which is as narrow as DynamoDB allows for queries on indexes. Only tables with indexes.
   */
  private acknowledgeIndexWildcards(fn: CrmFunction, tablesUsed: readonly dynamodb.Table[]) {
    const policy = fn.role?.node.tryFindChild('DefaultPolicy');
    if (!policy) return;
    for (const table of tablesUsed) {
      const logicalId = this.getLogicalId(table.node.defaultChild as CfnElement);
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
        reason:
          "Queries on the indexes of this function's own table; DynamoDB names them only by this pattern.",
      });
    }
  }
}

/** Writing to a CMK-encrypted table needs kms:GenerateDataKey* and kms:ReEncrypt*, granted on that one key. */
function acknowledgeKmsWriteWildcards(fn: CrmFunction) {
  const policy = fn.role?.node.tryFindChild('DefaultPolicy');
  if (!policy) return;
  const reason =
    "KMS data-key actions for the table's own customer-managed key only; the action family is named with a wildcard.";
  Validations.of(policy).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason },
  );
}
