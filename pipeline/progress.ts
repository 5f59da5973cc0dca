/**
 * Progress of a batch on stderr (stdout stays clean for `--json`): a bar redrawn in place on a
 * terminal, one plain line per file otherwise (logs, CI, pipes).
 */
export interface Progress {
  /** One more item done; `note` says how it went; `keep` leaves the line on a terminal too. */
  tick(item: string, note: string, keep?: boolean): void;
  /** Ends the bar (a terminal line is left clean). */
  done(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR_WIDTH = 24;

export function createProgress(total: number, title: string, stream: ProgressStream = process.stderr): Progress {
  let count = 0;
  const width = String(total).length;
  if (!stream.isTTY) {
    return {
      tick(item, note) {
        count++;
        stream.write(`${title} [${String(count).padStart(width)}/${total}] ${item}: ${note}\n`);
      },
      done() {},
    };
  }
  return {
    tick(item, note, keep) {
      count++;
      if (keep) stream.write(`\r\x1b[2K${item}: ${note}\n`);
      const filled = total === 0 ? BAR_WIDTH : Math.round((count / total) * BAR_WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
      const line = `${title} ${bar} ${String(count).padStart(width)}/${total} ${item}`;
      const columns = stream.columns ?? 80;
      stream.write(`\r\x1b[2K${line.length >= columns ? line.slice(0, columns - 1) : line}`);
    },
    done() {
      if (count > 0) stream.write('\r\x1b[2K');
    },
  };
}
