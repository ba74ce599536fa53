import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import type { QueueName } from '../../lib/queues/definitions';
import type { StageConfig } from '../config';
import { DataConstruct } from '../constructs/data';
import { EventArchiveConstruct, fixedUtcOffsetSeconds } from '../constructs/event-archive';
import { EventsConstruct } from '../constructs/events';
import { MediaConstruct } from '../constructs/media';
import { OneTimeSchedulesConstruct } from '../constructs/one-time-schedules';
import { QueuesConstruct } from '../constructs/queues';
import { SecretsConstruct } from '../constructs/secrets';

/**
 * What every function shares and what outlives them: tables and key, the bus, the queues, the secrets,
 * the reward pictures with their distribution, and the event archive with its Athena workgroup.
 */
export class CoreStack extends Stack {
  readonly data: DataConstruct;
  readonly events: EventsConstruct;
  readonly queues: QueuesConstruct;
  readonly secrets: SecretsConstruct;
  readonly media: MediaConstruct;
  readonly archive: EventArchiveConstruct;
  /** Made only when a function is invoked by one-time schedules. */
  readonly oneTimeSchedules?: OneTimeSchedulesConstruct;

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { stage: string; config: StageConfig; declarations: [string, FunctionDeclaration][] },
  ) {
    super(scope, id, props);
    this.data = new DataConstruct(this, 'Data', { stage: props.stage, retainData: props.config.retainData });
    this.events = new EventsConstruct(this, 'Events', { stage: props.stage });
    this.secrets = new SecretsConstruct(this, 'Secrets', {
      stage: props.stage,
      retainData: props.config.retainData,
    });
    this.media = new MediaConstruct(this, 'Media', {
      stage: props.stage,
      retainData: props.config.retainData,
      logRetentionDays: props.config.logRetentionDays,
      corsAllowOrigin: props.config.corsAllowOrigin,
      domain: props.config.mediaDomain,
    });
    this.archive = new EventArchiveConstruct(this, 'EventArchive', {
      stage: props.stage,
      retainData: props.config.retainData,
      bus: this.events.bus,
      accessLogBucket: this.media.logBucket,
      utcOffsetSeconds: fixedUtcOffsetSeconds(props.config.programmeTimeZone),
      bytesScannedCutoffPerQuery: props.config.archiveQueryCutoffGiB * 1024 ** 3,
      logRetentionDays: props.config.logRetentionDays as RetentionDays,
    });
    const consumerTimeouts: Partial<Record<QueueName, number>> = {};
    for (const [, declaration] of props.declarations) {
      if (declaration.trigger.kind === 'queue')
        consumerTimeouts[declaration.trigger.queue] = declaration.timeoutSeconds ?? 10;
    }
    this.queues = new QueuesConstruct(this, 'Queues', { consumerTimeoutSeconds: consumerTimeouts });
    if (props.declarations.some(([, declaration]) => declaration.trigger.kind === 'oneTime'))
      this.oneTimeSchedules = new OneTimeSchedulesConstruct(this, 'OneTimeSchedules', {
        stage: props.stage,
        declarations: props.declarations,
      });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'MediaUrl', { value: this.media.baseUrl, description: 'Reward pictures' });
  }
}
