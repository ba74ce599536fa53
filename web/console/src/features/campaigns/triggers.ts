import { campaignTriggerKinds } from '@sbm/web-shared/contracts';

/** The triggers the engine supports, in the order the builder and the filters offer them. */
export const TRIGGER_KINDS = campaignTriggerKinds;

/** Triggers of a sale: only they may have conditions on the sale and multiply its base points. */
export const isPurchase = (kind: string) => kind === 'purchase';

/** Triggers that reach a segment of the members at a time. */
export const isBlast = (kind: string) => kind === 'blast' || kind === 'recurring';
