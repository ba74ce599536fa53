// What other parts of the console may use of the staff feature.
export { StaffPage } from './components/staff-page';
