/**
 * The issues of a check as the clerk reads them: each names the unit of its row, and the total
 * row's copies of a unit row's mistake become one note naming those rows. The total row is the
 * SUM of the unit rows, so a rule broken on a unit row is usually broken on the total too;
 * listing (and marking) both turned three mistakes into seven errors. A total-row issue no unit
 * row shares is kept as it is: it is a fault of the totals themselves.
 */
import type { Text } from '../core/forms';
import type { Issue, Submission } from '../core/submission';

const TOTAL: Text = { vi: 'Tổng cộng', en: 'Total' };

interface RowOwner {
  label: Text;
  total: boolean;
}

function owners(sub: Submission | null): Map<string, RowOwner> {
  const map = new Map<string, RowOwner>();
  for (const table of Object.values(sub?.forms ?? {})) {
    if (!table) continue;
    for (const r of table.rows) {
      const label = r.unitName ? `${r.unitCode} – ${r.unitName}` : r.unitCode;
      map.set(`${table.sheetName}\n${r.sheetRow}`, { label: { vi: label, en: label }, total: false });
    }
    if (table.total) map.set(`${table.sheetName}\n${table.total.sheetRow}`, { label: TOTAL, total: true });
  }
  return map;
}

const ownerOf = (map: Map<string, RowOwner>, i: Issue) => (i.sheet && i.row !== null ? map.get(`${i.sheet}\n${i.row}`) : undefined);

/** The unit (code – name) or the total a row-level issue is about; null for other issues. */
export function rowLabeller(sub: Submission | null): (issue: Issue) => Text | null {
  const map = owners(sub);
  return (issue) => ownerOf(map, issue)?.label ?? null;
}

/**
 * The issues with the total row's repeats of a rule already broken on unit rows of its sheet
 * folded into one note on the total: it names the unit rows that caused it, and is information
 * (fixing those rows fixes the total), so three mistakes count as three errors.
 */
export function foldTotalEchoes(issues: readonly Issue[], sub: Submission | null): Issue[] {
  const map = owners(sub);
  const ruleOnSheet = (i: Issue) => `${i.sheet}\n${i.rule}`;
  const unitRows = new Map<string, Issue[]>();
  for (const i of issues) {
    if (ownerOf(map, i)?.total !== false) continue;
    const list = unitRows.get(ruleOnSheet(i));
    if (list) list.push(i);
    else unitRows.set(ruleOnSheet(i), [i]);
  }
  const folded = new Set<string>();
  const out: Issue[] = [];
  for (const i of issues) {
    const key = ruleOnSheet(i);
    const causes = ownerOf(map, i)?.total ? unitRows.get(key) : undefined;
    if (!causes) {
      out.push(i);
      continue;
    }
    if (folded.has(key)) continue;
    folded.add(key);
    const rows = (lang: 'vi' | 'en') => [...new Set(causes.map((c) => `${ownerOf(map, c)!.label[lang]} (${c.cell})`))].join(', ');
    out.push({
      ...i,
      severity: 'info',
      message: {
        vi: `Hàng Tổng cộng cũng chưa đạt vì các dòng: ${rows('vi')}. Sửa các dòng đó thì Tổng cộng tự đúng`,
        en: `The total row breaks it too because of the rows: ${rows('en')}. Fixing those rows fixes the total`,
      },
    });
  }
  return out;
}
