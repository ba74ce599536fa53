import { ProgrammePage } from '@/features/programme';

/** The programme section: tiers and benefits, earning rules' versions, and the earn preview. */
export default ProgrammePage;
