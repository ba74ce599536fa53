import { catalogue, type EventName } from '../../events/catalogue';

/** The EventBridge pattern of a manifest event trigger; CDK and the local cloud both use it. */
export function eventPatternFor(events: readonly EventName[]) {
  return {
    source: [...new Set(events.map((name) => catalogue[name].source))],
    'detail-type': events.map((name) => catalogue[name].detailType),
  };
}

/** Retries after a failed delivery before the event goes to the target's dead-letter queue. */
export const EVENT_TARGET_RETRY_ATTEMPTS = 2;
export const EVENT_TARGET_MAX_AGE_HOURS = 6;
export const PLATFORM_BUS_NAME = 'sbm-crm';
/** Receives of an event in a consumer's batch buffer before it goes to the buffer's dead-letter queue. */
export const EVENT_BUFFER_MAX_RECEIVE_COUNT = 5;
