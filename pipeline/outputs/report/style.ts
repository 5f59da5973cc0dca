/**
 * The report's stylesheet, inlined in the page. Status is never told by colour alone (✓ ✗ ▾,
 * solid or dashed borders), so the page reads in greyscale print. Print: A4 portrait, charts
 * two to a row where they fit, tables repeat their heading on every page.
 */
import { raw } from './html';

export const REPORT_CSS = raw(`
:root { --ink: #1a1a1a; --muted: #555; --line: #cfd4da; --primary: #2166ac; --contrast: #f4a582; --soft: #fbe3d6; --head: #eef2f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #eceff3; color: var(--ink); font: 14px/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 40px; background: #fff; }
.en { color: var(--muted); font-weight: normal; font-size: .78em; }
td .en { display: block; }
header.report { border-bottom: 3px solid var(--primary); padding-bottom: 12px; }
.org { margin: 0; font-size: 12px; letter-spacing: .04em; color: var(--muted); }
h1 { font-size: 22px; margin: 4px 0; }
h1 .en { display: block; font-size: 13px; }
.period { font-size: 18px; font-weight: bold; margin: 6px 0; color: var(--primary); }
.meta { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 8px 0 0; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: var(--muted); }
.meta dt::after { content: ":"; }
.meta dd { margin: 0; font-weight: bold; }
h2 { font-size: 18px; margin: 30px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 15px; margin: 20px 0 8px; break-after: avoid; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--line); padding: 8px 10px; break-inside: avoid; }
.card.met { border-left: 6px solid var(--primary); }
.card.below { border-left: 6px dashed #c4622d; }
.card h3 { font-size: 12px; font-weight: normal; margin: 0; min-height: 2.9em; }
.card .code { font-weight: bold; }
.card .value { font-size: 26px; font-weight: bold; margin: 2px 0; }
.card p { margin: 2px 0; font-size: 12px; }
.card .status.met { color: var(--primary); font-weight: bold; }
.card .status.below { color: #a4461b; font-weight: bold; }
.card .basis { color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(400px, 1fr)); gap: 20px 28px; align-items: start; }
figure { margin: 0 0 18px; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; text-align: center; }
figcaption .file { font-size: 11px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
tbody th { font-weight: normal; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.below { background: var(--soft); }
table.provinces thead th:not(:first-child) { text-align: right; }
th .unit { display: block; font-weight: normal; font-size: .85em; color: var(--muted); }
tr.total th, tr.total td { font-weight: bold; border-top: 2px solid var(--ink); }
table.reporting, table.issue-counts { width: auto; min-width: 50%; }
table.issues td.file, table.issues td.cell { word-break: break-all; }
table.issues tr.error td:nth-child(5) { font-weight: bold; }
.note { font-size: 12px; color: var(--muted); }
ul.key { columns: 2; font-size: 11px; color: var(--muted); padding-left: 18px; }
footer { margin-top: 32px; border-top: 1px solid var(--line); font-size: 11px; color: var(--muted); }
@page { size: A4 portrait; margin: 12mm 10mm 14mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 16px; }
  .grid { grid-template-columns: 1fr 1fr; gap: 8px 16px; }
  .chart-map svg { max-height: 250mm; width: auto; }
  .cards { grid-template-columns: repeat(5, 1fr); gap: 5px; }
  .card { padding: 4px 6px; border-left-width: 4px; }
  .card h3, .card p { font-size: 7.5pt; }
  .card .value { font-size: 15pt; }
  table { font-size: 8pt; }
  table.provinces { font-size: 7.5pt; }
  table.provinces th, table.provinces td { padding: 2px 3px; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`);
