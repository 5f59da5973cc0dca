/**
 * Writes a core/layout `WorkbookModel` as an `.xlsx` file: SpreadsheetML made straight from the
 * model (`sheet.ts`, `styles.ts`), zipped by fflate. Runs in Node and in the browser: model in,
 * bytes out, no file system. (ExcelJS wrote these files before: ~4 ms for each feedback workbook
 * against ~0.3 ms here, the largest cost of a consolidation's outputs; ExcelJS and LibreOffice
 * read what this writes in the tests.)
 */
import type { WorkbookModel } from '../../layout';
import { contentTypesXml, OFFICE_REL as REL, relationshipsXml, safe, XML_HEAD as HEAD, zipPackage } from '../../ooxml';
import { SharedStrings, sheetXml } from './sheet';
import { StyleTable } from './styles';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** `'Mẫu 03'!$7:$9`: a sheet's name quoted as formulas quote it (an apostrophe doubled). */
const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * What Excel refuses to open (it offers to repair the file) is refused here, where the mistake is
 * ours: the model's sheet names and messages are the program's own.
 */
function assertExcelAccepts(model: WorkbookModel): void {
  const fail = (what: string) => {
    throw new Error(`Sổ tính không hợp lệ với Excel / workbook Excel would refuse: ${what}`);
  };
  const names = new Set<string>();
  for (const { name, validations } of model.sheets) {
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) fail(`sheet name "${name}"`);
    if (names.has(name.toLowerCase())) fail(`two sheets named "${name}"`);
    names.add(name.toLowerCase());
    for (const v of validations) {
      if (v.errorTitle.length > 32 || v.promptTitle.length > 32 || v.error.length > 225 || v.prompt.length > 255) fail(`data validation texts too long on "${name}"!${v.range}`);
    }
  }
}

/** The parts' dates in the zip: fixed, so that one model always gives the same bytes. */
const PART_DATE = new Date(2000, 0, 1);

export function writeWorkbook(model: WorkbookModel): Uint8Array {
  assertExcelAccepts(model);
  const { sheets } = model;
  const active = Math.max(
    sheets.findIndex((s) => s.state === 'visible'),
    0,
  );
  const styles = new StyleTable();
  const strings = new SharedStrings();
  // The content types and the package's relationships first; the styles and shared strings
  // last, once the sheets have filled them.
  const parts: Record<string, string> = {};
  parts['[Content_Types].xml'] = contentTypesXml({}, [
    { part: 'xl/workbook.xml', type: `${TYPE}.sheet.main+xml` },
    { part: 'xl/styles.xml', type: `${TYPE}.styles+xml` },
    { part: 'xl/sharedStrings.xml', type: `${TYPE}.sharedStrings+xml` },
    ...sheets.map((_, i) => ({ part: `xl/worksheets/sheet${i + 1}.xml`, type: `${TYPE}.worksheet+xml` })),
  ]);
  parts['_rels/.rels'] = relationshipsXml([{ type: `${REL}/officeDocument`, target: 'xl/workbook.xml' }]);
  sheets.forEach((sheet, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(sheet, i === active, styles, strings)));

  const printTitles = sheets
    .map((s, i) => (s.print.titleRows ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${safe(quotedSheet(s.name))}!${s.print.titleRows.replace(/(\d+)/g, '$$$1')}</definedName>` : ''))
    .join('');
  const sheetList = sheets
    .map((s, i) => `<sheet name="${safe(s.name)}" sheetId="${i + 1}"${s.state === 'visible' ? '' : ` state="${s.state}"`} r:id="rId${i + 3}"/>`)
    .join('');
  parts['xl/workbook.xml'] =
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/>` +
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000" activeTab="${active}"/></bookViews>` +
    `<sheets>${sheetList}</sheets>${printTitles ? `<definedNames>${printTitles}</definedNames>` : ''}` +
    // Spreadsheets recalculate every formula on opening: cached results are only a courtesy.
    '<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>';
  parts['xl/_rels/workbook.xml.rels'] = relationshipsXml([
    { type: `${REL}/styles`, target: 'styles.xml' },
    { type: `${REL}/sharedStrings`, target: 'sharedStrings.xml' },
    ...sheets.map((_, i) => ({ type: `${REL}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
  ]);
  parts['xl/styles.xml'] = styles.xml();
  parts['xl/sharedStrings.xml'] = strings.xml();
  return zipPackage(parts, PART_DATE);
}
