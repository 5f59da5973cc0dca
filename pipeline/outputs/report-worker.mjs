// Entry of the report's render thread from the TypeScript sources (tests, tsx): the same thread
// as render-worker.mjs. The compiled CLI has its own entry (scripts/thread-loader.mjs).
import './render-worker.mjs';
