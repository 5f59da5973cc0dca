/** Which sheet of a workbook is read for each form, when a workbook holds copies or hidden sheets. */
import { FORMS, reportSheetOf, TARGETS_SHEET, type FormId, type Text } from '../forms';
import { fileIssue, type Issue } from '../submission';
import { canonicalFormula, cellAt, rawAt, shownValue, type GridSheet, type WorkbookGrids } from './cells';

export type SheetKind = FormId | 'targets';

const kindName = (kind: SheetKind) => (kind === 'targets' ? TARGETS_SHEET : FORMS[kind].sheetName);
const isVisible = (sheet: GridSheet) => (sheet.state ?? 'visible') === 'visible';

function sameContent(a: GridSheet, b: GridSheet): boolean {
  const rows = Math.max(a.cells.length, b.cells.length);
  for (let row = 1; row <= rows; row++) {
    const columns = Math.max(a.cells[row - 1]?.length ?? 0, b.cells[row - 1]?.length ?? 0);
    for (let column = 1; column <= columns; column++) {
      // A copied formula is the same cell, whether or not its result was saved again.
      const fx = cellAt(a, row, column)?.formula;
      const fy = cellAt(b, row, column)?.formula;
      if (fx && fy && canonicalFormula(fx) === canonicalFormula(fy)) continue;
      const x = rawAt(a, row, column);
      const y = rawAt(b, row, column);
      if ((x === null) !== (y === null) || (x !== null && shownValue(x) !== shownValue(y))) return false;
    }
  }
  return true;
}

/**
 * The sheet read for each form: the visible one. A hidden report sheet is never read in place
 * of a visible one: a hidden official sheet beside a visible copy (`Mẫu 03 (2)`), or two visible
 * sheets with different figures, is an error naming both; a visible identical copy is ignored
 * with a warning; a hidden copy is the clerk's own and ignored.
 */
export function chooseSheets(grids: WorkbookGrids, issues: Issue[]): Map<SheetKind, GridSheet> {
  const candidates = new Map<SheetKind, { sheet: GridSheet; official: boolean }[]>();
  for (const sheet of grids.sheets) {
    const of = reportSheetOf(sheet.name);
    if (of) candidates.set(of.kind, [...(candidates.get(of.kind) ?? []), { sheet, official: of.official }]);
  }
  const chosen = new Map<SheetKind, GridSheet>();
  for (const [kind, list] of candidates) {
    const pick =
      list.find((c) => c.official && isVisible(c.sheet)) ?? list.find((c) => isVisible(c.sheet)) ?? list.find((c) => c.official) ?? list[0];
    const sheet = pick.sheet;
    chosen.set(kind, sheet);
    for (const other of list) {
      if (other === pick) continue;
      const hiddenOfficial = !isVisible(other.sheet) && other.official && isVisible(sheet);
      if (!isVisible(other.sheet) && !hiddenOfficial) continue;
      if (!hiddenOfficial && sameContent(sheet, other.sheet)) {
        issues.push(
          fileIssue('L16', {
            vi: `Trang "${other.sheet.name}" là bản sao giống hệt trang "${sheet.name}" (${kindName(kind)}); chỉ trang "${sheet.name}" được đọc, có thể xóa bản sao`,
            en: `Sheet "${other.sheet.name}" is an identical copy of "${sheet.name}" (${kindName(kind)}); only "${sheet.name}" is read, the copy may be deleted`,
          }, other.sheet.name),
        );
        continue;
      }
      const why: Text = hiddenOfficial
        ? { vi: `trang "${other.sheet.name}" bị ẩn còn trang "${sheet.name}" hiển thị`, en: `"${other.sheet.name}" is hidden while "${sheet.name}" is visible` }
        : { vi: `hai trang có số liệu khác nhau`, en: `their figures differ` };
      issues.push(
        fileIssue('L13', {
          vi: `Hai trang tính "${sheet.name}" và "${other.sheet.name}" cùng là ${kindName(kind)} (${why.vi}): không biết số liệu nào là thật. Xóa trang thừa, đặt tên trang còn lại là "${kindName(kind)}" rồi gửi lại`,
          en: `Sheets "${sheet.name}" and "${other.sheet.name}" are both ${kindName(kind)} (${why.en}): which figures are real is unknown. Delete the one not wanted, name the other "${kindName(kind)}" and send the file again`,
        }, other.sheet.name),
      );
    }
    if (!isVisible(sheet)) {
      issues.push(
        fileIssue('L17', {
          vi: `Trang "${sheet.name}" đang bị ẩn; số liệu được đọc từ trang này. Hiện trang (Unhide) để kiểm tra số liệu`,
          en: `Sheet "${sheet.name}" is hidden; its figures were read. Unhide it to check them`,
        }, sheet.name),
      );
    }
  }
  return chosen;
}
