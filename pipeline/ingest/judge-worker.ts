/**
 * A worker thread of the judge pool (judge-pool.ts): judges files as `judgeFile` does in
 * process. It keeps the unit registry it was last sent, so that the registry crosses the thread
 * boundary once per batch, not once per file.
 */
import { parentPort } from 'node:worker_threads';
import { parsePeriod } from '../../core/periods';
import { UnitRegistry } from '../../core/units';
import { portableError } from '../worker-thread';
import type { FromWorker, ToWorker } from './judge-pool';
import { judgeFile } from './judge-file';

const port = parentPort!;
let registry: UnitRegistry | null = null;

const reply = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'registry') {
    registry = new UnitRegistry(message.units);
    return;
  }
  const { raw, period } = message;
  judgeFile(raw, registry!, period === null ? null : parsePeriod(period)).then(
    (file) => reply({ kind: 'judged', file }),
    (err: unknown) => reply({ kind: 'failed', error: portableError(err) }),
  );
});

reply({ kind: 'ready' });
