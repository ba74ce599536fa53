export { ConsoleLayout } from './components/console-layout';
