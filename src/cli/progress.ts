/**
 * Progress on stderr: a cli-progress bar (documents/s, ETA) on a terminal, plain periodic lines
 * otherwise, nothing with `--quiet`.
 */
import cliProgress from 'cli-progress';

/** A progress reporter. */
export interface Progress {
  tick(done: number): void;
  stop(): void;
}

/**
 * Create a reporter.
 * @param total expected number of documents (0 when unknown)
 * @param mode `bar` on a terminal, `lines` otherwise, `off` when quiet
 * @param approximate the total is an estimate (shown as `~total`)
 */
export function createProgress(total: number, mode: 'bar' | 'lines' | 'off', approximate = false): Progress {
  const about = approximate ? '~' : '';
  const started = performance.now();
  const rate = (done: number) => done / Math.max(0.001, (performance.now() - started) / 1000);
  if (mode === 'off') return { tick() {}, stop() {} };
  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar(
      { format: `annotate [{bar}] {value}/${about}{total} docs | {rate} docs/s | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '0.0' });
    return {
      tick: (done) => bar.update(done, { rate: rate(done).toFixed(1) }),
      stop: () => bar.stop(),
    };
  }
  let lastPrint = started;
  const print = (done: number) => {
    const perSecond = rate(done);
    const eta = total > done && perSecond > 0 ? ` · ETA ${Math.ceil((total - done) / perSecond)} s` : '';
    process.stderr.write(`byline: ${done}/${about}${total} documents · ${perSecond.toFixed(1)} docs/s${eta}\n`);
  };
  return {
    tick(done) {
      const now = performance.now();
      if (now - lastPrint >= 5000) {
        lastPrint = now;
        print(done);
      }
    },
    stop() {},
  };
}
