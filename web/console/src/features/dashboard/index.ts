export { DashboardPage } from './components/dashboard-page';
// The period a report covers, kept in the URL (?from=&to=): the analytics section picks periods alike.
export {
  DEFAULT_PRESET,
  lastDays,
  MAX_PERIOD_DAYS,
  periodFromSearch,
  presetOf,
  PRESETS,
  type Period,
} from './period';
