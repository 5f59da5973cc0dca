// Entry of a render thread from the TypeScript sources (tests, tsx): a worker thread does not
// inherit the parent's loader, so it registers tsx itself. The compiled CLI has its own entry.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
