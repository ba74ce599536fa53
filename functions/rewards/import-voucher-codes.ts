import { recordStaffAction } from '../../lib/audit';
import { httpHandler } from '../../lib/http/handler';
import { importVoucherCodes } from '../../lib/rewards/catalogue';
import { importVoucherCodesRoute } from '../../lib/rewards/routes';
import { rewardAuditSubject } from '../../lib/rewards/schemas';

export const handler = httpHandler(
  importVoucherCodesRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const outcome = await importVoucherCodes(params.rewardId, body.codes, body.firstRow);
    // The codes themselves are bearer values: the audit keeps how many, not which.
    await recordStaffAction({
      actor: principal,
      action: 'reward.import-codes',
      target: rewardAuditSubject.target(params.rewardId),
      after: { imported: outcome.imported, skipped: outcome.skipped },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: outcome };
  },
);
