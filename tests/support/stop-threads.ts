/**
 * After each test file: the judging and render threads its consolidations started are ended.
 * Each test file has its own modules, so its pools are its own: left running, every file's
 * threads (Vega and resvg loaded in some) piled up in the Jest worker that ran it: on the pipeline's
 * and samples' tests, the largest worker peaked at 1.03 GB with them left running, 713 MB without.
 * The files that stop the threads within a test (judge-early.test.ts) stop them again here.
 */
import { afterAll } from '@jest/globals';
import { stopJudging } from '../../pipeline/ingest/judge-pool';
import { stopRendering } from '../../pipeline/outputs/render-pool';

afterAll(async () => {
  await Promise.all([stopJudging(), stopRendering()]);
});
