// What other parts of the console may use of the bookings section; its internals stay its own.
export { DayViewPage } from './components/day-view-page';
