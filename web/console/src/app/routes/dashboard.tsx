import { DashboardPage } from '@/features/dashboard';

export default DashboardPage;
