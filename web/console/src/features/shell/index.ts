export { ConsoleLayout, useShellProfile } from './components/console-layout';
