/**
 * Files handed to the judges before their batch asks for them (pipeline/ingest/judge-early.ts):
 * the batch takes the ticket of a file read the same, for the same registry and period, and
 * judges anything else anew; a consolidation that starts so ends exactly as one that does not.
 * In a run of several periods, the next period's files are handed over once a period is loaded.
 */
import { cpSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeriod } from '../../core/periods';
import { consolidate, consolidatePeriods, consolidateStaged, type ConsolidateOptions, type ConsolidationSummary } from '../../pipeline/consolidate';
import { listWorkbooks } from '../../pipeline/ingest/discover';
import { judgeFirstFiles } from '../../pipeline/ingest/judge-early';
import { judgeEarly, stopJudging, submitForJudging, type JudgeTicket } from '../../pipeline/ingest/judge-pool';
import { readRaw } from '../../pipeline/ingest/read-file';
import { DATA_DIR, loadRegistry } from '../../pipeline/reference';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { registry, targets, tempDir } from './helpers';

const PERIOD = parsePeriod('2026-03');
const dir = tempDir('judge-early');
const input = join(dir, 'in');
cpSync(join(DATA_DIR, 'samples', PERIOD.code), input, { recursive: true });

test('the batch takes an early ticket once, for the same file read the same, registry and period', async () => {
  const [file] = listWorkbooks(input);
  const raw = await readRaw(file);
  const ticket = judgeEarly(raw, registry, PERIOD);
  expect(submitForJudging(await readRaw(file), registry, PERIOD)).toBe(ticket);
  // Taken: the next submission is judged anew.
  expect(submitForJudging(raw, registry, PERIOD)).not.toBe(ticket);

  const others = [
    () => submitForJudging(raw, registry, parsePeriod('2026-04')),
    () => submitForJudging(raw, loadRegistry(), PERIOD),
    () => submitForJudging({ ...raw, hash: 'other bytes' }, registry, PERIOD),
    () => submitForJudging({ ...raw, modifiedMs: (raw.modifiedMs ?? 0) + 1000 }, registry, PERIOD),
  ];
  for (const submit of others) {
    const early = judgeEarly(raw, registry, PERIOD);
    expect(submit()).not.toBe(early);
    expect(submitForJudging(raw, registry, PERIOD)).toBe(early);
  }
  await stopJudging();
});

test("a ticket's verdict asked for twice, the first time before any thread took its file, is the same verdict", async () => {
  await stopJudging();
  const [file] = listWorkbooks(input);
  // A new pool's thread is still starting: the file waits in its queue, and is judged here.
  const ticket = submitForJudging(await readRaw(file), registry, PERIOD);
  const first = await ticket.verdict();
  const again = await Promise.race([ticket.verdict(), new Promise((resolve) => setTimeout(() => resolve('never answered'), 5000))]);
  expect(again).toBe(first);
  await stopJudging();
});

test('a consolidation whose first files were judged early ends as one whose were not, a file changed meanwhile judged again', async () => {
  const run = async (name: string, early: boolean): Promise<{ summary: ConsolidationSummary; values: string }> => {
    const outDir = join(dir, name, 'out');
    let tickets: JudgeTicket[] = [];
    if (early) {
      tickets = await judgeFirstFiles(input, outDir, registry, PERIOD);
      expect(tickets).toHaveLength(9);
      // A file replaced after it was handed over: its early verdict must not be used.
      const [first] = listWorkbooks(input);
      writeFileSync(first.path, readFileSync(join(DATA_DIR, 'samples', '2026-04', first.name.replace('2026-03', '2026-04'))));
      utimesSync(first.path, new Date('2026-03-25T08:00:00Z'), new Date('2026-03-25T08:00:00Z'));
    }
    const wh = await Warehouse.open(join(dir, name, 'w.duckdb'));
    try {
      const summary = await consolidate(wh, { inputDir: input, period: PERIOD, outDir, registry, targets, report: false, now: () => new Date('2026-04-01T00:00:00Z'), progress: { write: () => true } });
      // The batch took the early tickets of the files left as they were: none is there to take.
      for (const [i, file] of listWorkbooks(input).slice(1, tickets.length).entries()) {
        expect(submitForJudging(await readRaw(file), registry, PERIOD)).not.toBe(tickets[i + 1]);
      }
      return { summary, values: readFileSync(summary.outputs.values, 'utf8') };
    } finally {
      wh.close();
    }
  };
  const early = await run('early', true);
  const plain = await run('plain', false);
  expect(early.summary.fileResults).toEqual(plain.summary.fileResults);
  expect(early.values).toBe(plain.values);
  // The replaced file was read as the other month's report: refused for its period.
  expect(early.summary.fileResults[0]).toMatchObject({ status: 'refused' });
});

const monthRun = (code: string, root: string): ConsolidateOptions => {
  const inputDir = join(dir, 'months', code);
  cpSync(join(DATA_DIR, 'samples', code), inputDir, { recursive: true });
  return { inputDir, period: parsePeriod(code), outDir: join(root, code), registry, targets, report: false, now: () => new Date('2026-05-01T00:00:00Z'), progress: { write: () => true } };
};

test("a batch that judged files calls its hook once loaded; the tickets it did not take are let go before", async () => {
  const [march, april] = [monthRun('2026-03', join(dir, 'hook')), monthRun('2026-04', join(dir, 'hook'))];
  const [aprilFirst, aprilSecond] = (await Promise.all(listWorkbooks(april.inputDir).slice(0, 2).map((f) => readRaw(f))));
  // Handed over before March's batch, which has no such file to take.
  const stray = judgeEarly(aprilSecond, registry, april.period);
  const wh = await Warehouse.open(join(dir, 'hook', 'w.duckdb'));
  try {
    let handed: Promise<JudgeTicket[]> | undefined;
    let strayKept: boolean | undefined;
    let calls = 0;
    const afterLoad = () => {
      calls++;
      strayKept = submitForJudging(aprilSecond, registry, april.period) === stray;
      handed = judgeFirstFiles(april.inputDir, april.outDir, registry, april.period, Infinity);
    };
    await (await consolidateStaged(wh, march, afterLoad)).done;
    expect(calls).toBe(1);
    expect(strayKept).toBe(false);
    const tickets = await handed!;
    // Every file of the folder (a month's reports are well under the bytes handed over at most).
    expect(tickets).toHaveLength(listWorkbooks(april.inputDir).length);
    expect(submitForJudging(aprilFirst, registry, april.period)).toBe(tickets[0]);

    // Outputs kept: nothing loaded, no hook.
    expect((await (await consolidateStaged(wh, march, afterLoad)).done).outputsKept).toBe(true);
    // Outputs gone but every file accepted before (nothing judged): no hook either, since the
    // next period's files were most likely accepted too.
    const rebuilt = await (await consolidateStaged(wh, { ...march, outDir: join(dir, 'hook', 'rebuilt') }, afterLoad)).done;
    expect(rebuilt.files.unchanged).toBe(rebuilt.files.total);
    expect(calls).toBe(1);
  } finally {
    wh.close();
    await stopJudging();
  }
});

test('periods consolidated in one run, each handed over early, end as periods consolidated one by one', async () => {
  const runs = (root: string) => ['2026-03', '2026-04', '2026-05'].map((code) => monthRun(code, join(dir, root)));
  const together = await Warehouse.open(join(dir, 'together.duckdb'));
  const heard: ConsolidationSummary[] = [];
  try {
    await consolidatePeriods(together, runs('together'), (s) => heard.push(s));
  } finally {
    together.close();
  }
  const apart = await Warehouse.open(join(dir, 'apart.duckdb'));
  try {
    for (const [k, run] of runs('apart').entries()) {
      await stopJudging();
      const summary = await consolidate(apart, run);
      expect(heard[k].fileResults).toEqual(summary.fileResults);
      expect(readFileSync(heard[k].outputs.values, 'utf8')).toBe(readFileSync(summary.outputs.values, 'utf8'));
      expect(readFileSync(heard[k].outputs.validationCsv, 'utf8')).toBe(readFileSync(summary.outputs.validationCsv, 'utf8'));
    }
  } finally {
    apart.close();
  }
}, 300_000);
