// Moves the wall clock of this process and its children to SBM_TEST_CLOCK (an ISO 8601 time), from which
// it runs on at its real pace. Loaded with `node --import`, so the test runner, the local cloud and every
// test worker share one moved clock: the first process reckons the offset, its children inherit it.
// Timers and performance.now() are untouched; only the date the code reads moves.
const target = process.env.SBM_TEST_CLOCK;
if (target) {
  if (!process.env.SBM_TEST_CLOCK_OFFSET_MS) {
    const at = Date.parse(target);
    if (Number.isNaN(at)) throw new Error(`SBM_TEST_CLOCK is not an ISO 8601 time: ${target}`);
    process.env.SBM_TEST_CLOCK_OFFSET_MS = String(at - Date.now());
  }
  const offset = Number(process.env.SBM_TEST_CLOCK_OFFSET_MS);
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  RealDate.now = () => realNow() + offset;
  // A proxy rather than a subclass keeps `instanceof Date` true for every date, made here or by Node.
  globalThis.Date = new Proxy(RealDate, {
    construct: (original, args, newTarget) =>
      Reflect.construct(original, args.length === 0 ? [RealDate.now()] : args, newTarget),
    apply: () => new RealDate(RealDate.now()).toString(),
  });
}
