/**
 * The one place the consolidation hands its ReportData to the charts and leadership report
 * (./draw.ts). The data is also kept as `report-data.json` beside the report, for other
 * tools and audits.
 */
import { join } from 'node:path';
import type { ReportData } from '../../../core/report-data';
import { writeAtomic } from '../write-atomic';

export interface WrittenReport {
  /** Null when the charts and report were not asked for. */
  reportPath: string | null;
  dataPath: string;
  /** Chart warnings or failures; the report is still written around them. */
  warnings: string[];
  /** The charts' PNGs by chart id (empty without the report). */
  pngs: Map<string, Uint8Array>;
}

export async function writeReport(outDir: string, data: ReportData, render = true): Promise<WrittenReport> {
  const dataPath = join(outDir, 'report-data.json');
  await writeAtomic(dataPath, JSON.stringify(data, null, 2) + '\n');
  if (!render) return { reportPath: null, dataPath, warnings: [], pngs: new Map() };
  // Vega and resvg are loaded only when charts are drawn.
  const { renderReport } = await import('./draw');
  const { reportPath, warnings, pngs } = await renderReport(outDir, data);
  return { reportPath, dataPath, warnings, pngs };
}
