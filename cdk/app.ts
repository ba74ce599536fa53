import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { declarations } from '../lib/manifest';
import type { FunctionDeclaration } from '../lib/manifest/types';
import { readStageConfig } from './config';
import { bookingBuildBeside, checkBookingBuild, checkConsoleBuild } from './constructs/console-hosting';
import { alarmOnQueues } from './constructs/monitoring';
import { REPO_ROOT } from './root';
import {
  servesTheApi,
  stackGroupOfDeclaration,
  stackNameOf,
  FIRST_GROUP,
  type StackGroup,
} from './stack-groups';
import { ApiStack } from './stacks/api';
import { ConsoleStack } from './stacks/console';
import { RouteFunctionsStack } from './stacks/route-functions';
import { CoreStack } from './stacks/core';
import { MonitoringStack } from './stacks/monitoring';
import { WorkersStack } from './stacks/workers';

/** Where the staff console's build is, unless the context names another folder (`sbm:consoleAssets`). */
export const CONSOLE_BUILD = 'web/console/dist';

/**
 * Builds the app for a stage (CloudFormation allows 500 resources per stack): the core (data, bus,
 * queues, secrets); per stack group (cdk/stack-groups.ts: its service's, or the one a function declares,
 * as the report functions declare `reports`), a stack of route functions and one of workers, each built
 * only for a group with such functions; the API that invokes the route functions, with a nested stack of
 * methods per group but the first; and the staff console on CloudFront with the API under /v1/*, from
 * the console's build (`consoleAssets`, else the context's `sbm:consoleAssets`, else web/console/dist;
 * relative paths from the repository), and the member booking PWA's under /book/* (`bookingAssets`, else
 * `sbm:bookingAssets`, else the build beside the console's: web/booking/dist). Dependencies point one way: console → api → routes stacks → core,
 * workers stacks → core (and console → core, whose reward pictures' origins its CSP names).
 * The monitoring stack (alarm topic, alarms, dashboard) names what it watches by physical name and
 * depends on no stack; the alarms on queues are built in the queues' own stacks.
 * cdk-nag's AwsSolutions pack runs as a policy validation plugin on synth.
 */
export function buildApp(
  app = new App(),
  entries: [string, FunctionDeclaration][] = declarations(),
  options: { consoleAssets?: string; bookingAssets?: string } = {},
) {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const config = readStageConfig(stage, app.node.tryGetContext('sbm:stages'));
  // Checked first: a missing console build fails the synth before any function is bundled.
  const consoleFolder: unknown =
    options.consoleAssets ?? app.node.tryGetContext('sbm:consoleAssets') ?? CONSOLE_BUILD;
  if (typeof consoleFolder !== 'string') throw new Error('Context sbm:consoleAssets must name a folder');
  const consoleAssets = checkConsoleBuild(resolve(REPO_ROOT, consoleFolder));
  const bookingFolder: unknown =
    options.bookingAssets ?? app.node.tryGetContext('sbm:bookingAssets') ?? bookingBuildBeside(consoleAssets);
  if (typeof bookingFolder !== 'string') throw new Error('Context sbm:bookingAssets must name a folder');
  const bookingAssets = checkBookingBuild(resolve(REPO_ROOT, bookingFolder));
  const common = {
    stage,
    config,
    env: { account: config.account, region: config.region },
    tags: { project: 'sbm-crm', stage },
  };
  const core = new CoreStack(app, `SbmCrm-${stage}-core`, {
    ...common,
    declarations: entries,
    description: `SBM CRM data, events, queues and secrets (${stage})`,
  });
  const groups = new Map<StackGroup, { routes: typeof entries; workers: typeof entries }>();
  for (const entry of entries) {
    const group = stackGroupOfDeclaration(entry[1]);
    if (!groups.has(group)) groups.set(group, { routes: [], workers: [] });
    groups.get(group)![servesTheApi(entry[1]) ? 'routes' : 'workers'].push(entry);
  }
  const suffix = (group: StackGroup) => (group === FIRST_GROUP ? '' : `, ${group}`);
  const routeStacks = new Map<StackGroup, RouteFunctionsStack>();
  for (const [group, { routes }] of groups) {
    if (routes.length === 0) continue;
    routeStacks.set(
      group,
      new RouteFunctionsStack(app, stackNameOf(stage, 'routes', group), {
        ...common,
        root: REPO_ROOT,
        core,
        declarations: routes,
        description: `SBM CRM API functions (${stage}${suffix(group)})`,
      }),
    );
  }
  const api = new ApiStack(app, `SbmCrm-${stage}-api`, {
    ...common,
    routes: [...routeStacks.values()],
    declarations: entries,
    description: `SBM CRM API (${stage})`,
  });
  const consoleStack = new ConsoleStack(app, `SbmCrm-${stage}-console`, {
    ...common,
    api,
    core,
    assets: consoleAssets,
    bookingAssets,
    description: `SBM CRM staff console and member booking PWA on CloudFront, with the API under /v1/ (${stage})`,
  });
  const workerStacks = new Map<StackGroup, WorkersStack>();
  for (const [group, { workers }] of groups) {
    if (workers.length === 0) continue;
    workerStacks.set(
      group,
      new WorkersStack(app, stackNameOf(stage, 'workers', group), {
        ...common,
        root: REPO_ROOT,
        core,
        declarations: workers,
        scheduleGroupName: group === FIRST_GROUP ? `sbm-crm-${stage}` : `sbm-crm-${stage}-${group}`,
        description: `SBM CRM event, queue and scheduled workers (${stage}${suffix(group)})`,
      }),
    );
  }
  // Built last: the alarms on every dead-letter queue are added beside each queue, wherever it was made.
  const monitoring = new MonitoringStack(app, `SbmCrm-${stage}-monitoring`, {
    ...common,
    declarations: entries,
    description: `SBM CRM alarms, alarm topic and dashboard (${stage})`,
  });
  alarmOnQueues(app, { stage, posQueue: core.queues.queues.pos });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const routes = routeStacks.get(FIRST_GROUP);
  const workers = workerStacks.get(FIRST_GROUP);
  if (!routes || !workers) throw new Error(`The ${FIRST_GROUP} stack group has no functions to build`);
  return { app, core, routes, api, workers, console: consoleStack, monitoring, routeStacks, workerStacks };
}
