// What other parts of the console may use of the venues section; its internals stay its own.
export { VenueListPage } from './components/venue-list-page';
export { VenueFormPage } from './components/venue-form-page';
