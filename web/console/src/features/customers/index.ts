// What other parts of the console may use of the customers feature; its internals stay its own.
import { lazy } from 'react';

export { CustomerSearchPage } from './components/customer-search-page';
/** Member 360, a chunk of its own: the search page is what the desk opens first. */
export const MemberPage = lazy(() => import('./components/member-page'));
