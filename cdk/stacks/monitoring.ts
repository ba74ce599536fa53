import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import type { StageConfig } from '../config';
import { MonitoringConstruct } from '../constructs/monitoring';

/**
 * The stage's alarm topic, its alarms on the API, functions, EventBridge, tables and WAF, and its
 * dashboard. It names what it watches by physical name, so it depends on no stack and no stack on it;
 * the alarms on queues are built beside the queues (see `alarmOnQueues`) and reach the topic by its name.
 */
export class MonitoringStack extends Stack {
  readonly monitoring: MonitoringConstruct;

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { stage: string; config: StageConfig; declarations: [string, FunctionDeclaration][] },
  ) {
    super(scope, id, props);
    this.monitoring = new MonitoringConstruct(this, 'Monitoring', {
      stage: props.stage,
      config: props.config,
      declarations: props.declarations,
    });
  }
}
