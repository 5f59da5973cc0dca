/**
 * The issues of a check as the clerk reads them: each names the unit of its row, and the total
 * row's copy of a unit row's mistake is left out. The total row is the SUM of the unit rows, so
 * a rule broken on a unit row is usually broken on the total too; listing (and marking) both
 * turned three mistakes into seven errors. A total-row issue no unit row shares is kept: it is a
 * fault of the totals themselves.
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

/** The issues without the total row's repeats of rules already broken on a unit row of its sheet. */
export function withoutTotalEchoes(issues: readonly Issue[], sub: Submission | null): Issue[] {
  const map = owners(sub);
  const onUnitRows = new Set(issues.filter((i) => ownerOf(map, i)?.total === false).map((i) => `${i.sheet}\n${i.rule}`));
  return issues.filter((i) => !(ownerOf(map, i)?.total && onUnitRows.has(`${i.sheet}\n${i.rule}`)));
}
