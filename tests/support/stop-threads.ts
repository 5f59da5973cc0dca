/**
 * After each test file: the judging and render threads its consolidations started are ended.
 * Each test file has its own modules, so its pools are its own: left running, every file's
 * threads piled up in the Jest worker, which then took too long to exit and was killed.
 */
import { afterAll } from '@jest/globals';
import { stopJudging } from '../../pipeline/ingest/judge-pool';
import { stopRendering } from '../../pipeline/outputs/render-pool';

afterAll(async () => {
  await Promise.all([stopJudging(), stopRendering()]);
});
