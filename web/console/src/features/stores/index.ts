// What other parts of the console may use of the stores section; its internals stay its own.
export { StoresLayout } from './components/stores-layout';
export { StoreListPage } from './components/store-list-page';
export { StoreDetailPage } from './components/store-detail-page';
export { UnmatchedPage } from './components/unmatched-page';
export { DeadLettersPage } from './components/dead-letters-page';
