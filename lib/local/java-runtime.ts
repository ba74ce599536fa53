import { execFile } from 'node:child_process';
import { StartUpRefusal } from './start-up-refusal';

export const MINIMUM_JAVA_MAJOR = 17;
/** A cold JVM on a busy laptop answers `-version` in well under a second; a hung one must not stall the start. */
const VERSION_TIMEOUT_MS = 15_000;

const HOW_TO_INSTALL =
  'open a new terminal and check that `java -version` says 17 or later:' +
  ' on Debian or Ubuntu, `sudo apt-get install -y openjdk-17-jre-headless`;' +
  ' on macOS, `brew install openjdk@17`, then do as Homebrew says to make it found: link it with' +
  ' `sudo ln -sfn $(brew --prefix)/opt/openjdk@17/libexec/openjdk.jdk /Library/Java/JavaVirtualMachines/openjdk-17.jdk`' +
  ' or put `$(brew --prefix)/opt/openjdk@17/bin` first on the PATH;' +
  ' on Windows, `winget install Microsoft.OpenJDK.17`.' +
  ' `npm test` needs it too: its integration and end-to-end tests run DynamoDB Local.';

/** `java` could not be run at all: not on the PATH, or (macOS's stand-in) there but with no runtime behind it. */
export const javaMissing = (reason: string) =>
  new StartUpRefusal(
    `DynamoDB Local, the database of the local cloud, needs a Java ${MINIMUM_JAVA_MAJOR} or later runtime, and \`java\` could not be run (${reason}). Install one, ${HOW_TO_INSTALL}`,
  );

export const javaTooOld = (major: number, versionLine: string) =>
  new StartUpRefusal(
    `DynamoDB Local, the database of the local cloud, needs a Java ${MINIMUM_JAVA_MAJOR} or later runtime, and the \`java\` on the PATH is Java ${major} (${versionLine}). Install a newer one and put it first on the PATH, ${HOW_TO_INSTALL}`,
  );

/** Why running `java` failed, in a developer's words. */
export const javaFailure = (error: { code?: unknown; message: string }, stderr = '') =>
  error.code === 'ENOENT'
    ? 'not found on the PATH'
    : `\`java -version\` failed: ${(stderr.trim().split('\n')[0] || error.message).replace(/\.$/, '')}`;

/**
 * The Java `java -version` names, by its major version: "17.0.15" is 17, "21" and "25-ea" are 21 and
 * 25, and the "1.8.0_392" of Java 8 and earlier is 8; undefined for output it does not recognise.
 */
export function javaVersion(versionOutput: string): { major: number; line: string } | undefined {
  const line = versionOutput.split('\n').find((candidate) => /version "\d/.test(candidate));
  const version = line && /version "(\d+)(?:\.(\d+))?/.exec(line);
  if (!line || !version) return undefined;
  const first = Number(version[1]);
  return { major: first === 1 && version[2] !== undefined ? Number(version[2]) : first, line: line.trim() };
}

/**
 * Refuses to go on when `java` is missing or older than DynamoDB Local needs. A Java that does not
 * answer in time or says something unrecognisable is given the benefit of the doubt: DynamoDB Local's
 * own start then tells.
 */
export function checkJavaRuntime(): Promise<void> {
  return new Promise((resolve, reject) => {
    const options = { timeout: VERSION_TIMEOUT_MS, windowsHide: true };
    execFile('java', ['-version'], options, (error, stdout, stderr) => {
      if (error && (error.killed || error.signal)) return resolve();
      if (error) return reject(javaMissing(javaFailure(error, stderr)));
      // Java prints its version on stderr; some builds on stdout.
      const version = javaVersion(`${stderr}\n${stdout}`);
      if (version && version.major < MINIMUM_JAVA_MAJOR)
        return reject(javaTooOld(version.major, version.line));
      resolve();
    });
  });
}

let checked: Promise<void> | undefined;
/** Checks once a process: every DynamoDB Local a test run starts uses the same Java. */
export const ensureJavaRuntime = () => (checked ??= checkJavaRuntime());
