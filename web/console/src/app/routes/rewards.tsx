import { RewardsSection } from '@/features/rewards';

/** The rewards section: the catalogue, redemptions and the service desk's pickup (`@/features/rewards`). */
export default RewardsSection;
