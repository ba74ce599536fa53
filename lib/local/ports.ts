import { createServer } from 'node:net';
import { StartUpRefusal } from './start-up-refusal';

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The local cloud's API port is held by another program (often an earlier `npm start` still running). */
export const portInUse = (port: number) =>
  new StartUpRefusal(
    `Port ${port} is already in use by another program, perhaps an earlier \`npm start\` still running, so the local cloud's API cannot listen on it. Stop that program, or start on another port with the PORT variable, e.g. \`PORT=${port < 65535 ? port + 1 : port - 1} npm start\` (DynamoDB Local needs no port of yours: it takes a free one itself).`,
  );
