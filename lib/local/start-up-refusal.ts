/**
 * Something on this machine that keeps the local cloud from starting and that the developer can put
 * right: `npm start` prints its message as one paragraph, without a stack, and exits 1.
 */
export class StartUpRefusal extends Error {
  override name = 'StartUpRefusal';
}
