// What other parts of the console may use of the rewards feature: its section, routes and all.
export { RewardsSection } from './components/rewards-section';
