import cliProgress from 'cli-progress';
import type { CliIo } from './command.ts';

/** A progress bar on an interactive terminal; on a pipe or in CI, one line per phase so logs stay readable. */
export function createProgress(io: CliIo, label: string) {
  const tty = Boolean(process.stderr.isTTY) && !process.env.CI;
  let bar: cliProgress.SingleBar | undefined;
  let phase = '';
  return {
    update(event: { phase: string; records: number; total?: number }) {
      if (!tty) {
        if (event.phase !== phase) {
          phase = event.phase;
          io.stderr(`${label}: ${event.phase}…`);
        }
        return;
      }
      if (event.phase !== phase) {
        bar?.stop();
        phase = event.phase;
        bar = new cliProgress.SingleBar(
          {
            format: `${label} ${event.phase} [{bar}] {value}/{total} records`,
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total ?? event.records, event.records);
      }
      if (event.total !== undefined) bar?.setTotal(event.total);
      bar?.update(event.records);
    },
    stop() {
      bar?.stop();
    },
  };
}
