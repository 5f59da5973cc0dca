/**
 * The cross-file checks name the cell where the file really had the value: the sheet as named in
 * the file and the column the reader found, not the template's (Q01's changed cells, Q02, Q03).
 * A province whose `Mẫu 03` sits two columns right of the template, on a sheet named `MẪU 03`.
 */
import { FORMS } from '../../core/forms';
import { dataColumn } from '../../core/layout';
import { arrivalText } from '../../core/precedence';
import { monthCodes, parsePeriod } from '../../core/periods';
import { type Submission } from '../../core/submission';
import { cellAddress } from '../../core/spreadsheet';
import { runCrossFileChecks } from '../../pipeline/cross-file';
import { Warehouse } from '../../pipeline/warehouse/warehouse';
import { loadBatch, provinceSubmission, recomputeTotal } from './fixtures';
import { registry } from './helpers';

const HALF = parsePeriod('2026-H1');
const MONTHS = monthCodes(HALF);
const SHEET = 'MẪU 03';
const SHIFT = 2;

/** The submission as the reader gives it for a sheet laid out two columns right, renamed. */
function moved(sub: Submission): Submission {
  const t = sub.forms.F03!;
  sub.forms.F03 = { ...t, sheetName: SHEET, columns: { code: t.columns.code + SHIFT, name: t.columns.name + SHIFT, data: t.columns.data.map((c) => c! + SHIFT) } };
  return sub;
}

let n = 0;
async function load(wh: Warehouse, sub: Submission): Promise<void> {
  const i = ++n;
  const file = { fileName: `${sub.period}-${i}.xlsx`, hash: `h${i}`, submission: sub, issues: [], refused: false, period: sub.period, arrivedAt: arrivalText(Date.UTC(2026, 6, 1, 0, 0, i)) };
  await loadBatch(wh, sub.period, [{ file, receivedAt: new Date(Date.UTC(2026, 6, 1, 0, 0, i)) }]);
}

test('Q01, Q02 and Q03 point at the real sheet and column', async () => {
  const code = registry.provinces(HALF)[0].code;
  const wh = await Warehouse.open(':memory:');
  try {
    const months = MONTHS.map((m, i) => provinceSubmission(registry, code, m, { reportDate: `${m}-1${i}`, seed: 40 + i }));
    months[5].forms.F03!.rows[0].values[8] = 5000; // June, (9): far outside the months before (Q03)
    recomputeTotal(months[5].forms.F03!);
    for (const m of months) await load(wh, moved(m));
    const half = provinceSubmission(registry, code, HALF.code, { reportDate: '2026-06-12', seed: 50 });
    half.forms.F03!.rows.forEach((row, r) => {
      row.values = FORMS.F03.columns.map((c, i) => {
        const values = months.map((m) => m.forms.F03!.rows[r].values[i] as number | null);
        if (values.some((v) => v === null)) return null;
        return c.kind === 'stock' ? values[5] : values.reduce((a, b) => a! + b!, 0);
      });
    });
    half.forms.F03!.rows[0].values[3] = Math.round((half.forms.F03!.rows[0].values[3] as number) * 1.5) + 10; // (4) off (Q02)
    recomputeTotal(half.forms.F03!);
    await load(wh, moved(half));
    const corrected = structuredClone(half);
    corrected.reportDate = '2026-06-15';
    corrected.forms.F03!.rows[1].values[0] = 999; // (1) on the first local office's row (Q01)
    recomputeTotal(corrected.forms.F03!);
    await load(wh, corrected);

    const at = (row: number, no: number) => `${SHEET}!${cellAddress(row, dataColumn(no) + SHIFT)}`;
    const june = (await runCrossFileChecks(wh, registry, parsePeriod(MONTHS[5]))).filter((f) => f.issue.rule === 'Q03');
    expect(june.map((f) => `${f.issue.sheet}!${f.issue.cell}`)).toContain(at(months[5].forms.F03!.total!.sheetRow, 9));
    const findings = await runCrossFileChecks(wh, registry, HALF);
    const where = (rule: string) => findings.filter((f) => f.issue.rule === rule).map((f) => `${f.issue.sheet}!${f.issue.cell}`);
    expect(where('Q02')).toContain(at(corrected.forms.F03!.total!.sheetRow, 4));
    expect(where('Q01')).toEqual([at(corrected.forms.F03!.rows[1].sheetRow, 1)]);
  } finally {
    wh.close();
  }
});
