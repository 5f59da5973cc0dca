// Entry of a judge worker thread: the project's modules are TypeScript, which a worker thread
// does not inherit the parent's loader for (tsx under the CLI, ts-jest under the tests), so the
// worker registers tsx itself before loading them.
import { register } from 'tsx/esm/api';

register();
await import('./judge-worker.ts');
