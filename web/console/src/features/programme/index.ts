export { ProgrammePage } from './components/programme-page';
