/**
 * Reading our .docx with other programs: LibreOffice converts every document to PDF in one call
 * (its own profile), poppler's pdftotext extracts the text and pdftoppm draws pages for people to
 * look at. Text is compared with all white space removed: justified lines break anywhere.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Converts the documents to PDF in one soffice call; returns the PDF paths in the same order. */
export async function docxToPdf(files: readonly string[], workDir: string): Promise<string[]> {
  const outDir = join(workDir, 'pdf');
  mkdirSync(outDir, { recursive: true });
  await run('soffice', [`-env:UserInstallation=file://${join(workDir, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...files], {
    timeout: 240_000,
  });
  return files.map((f) => join(outDir, basename(f).replace(/\.docx$/, '.pdf')));
}

export async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.normalize('NFC');
}

export async function pdfPages(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)![1]);
}

/** PNGs of the given pages (1-based) at `dpi`, as `<prefix>-<page>.png`. */
export async function pdfPageImages(pdf: string, pages: readonly number[], prefix: string, dpi = 60): Promise<void> {
  for (const page of pages) {
    await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, `${prefix}-${page}`]);
  }
}

/** Text with every white space removed, for matching across line breaks. */
export const squeeze = (text: string): string => text.normalize('NFC').replace(/\s+/g, '');

/** A count as Vietnamese text writes it (`1.234`), made here rather than by the code under test. */
export const vi = (n: number): string => n.toLocaleString('vi-VN', { maximumFractionDigits: 0 });

/** A fraction as `12,5 %` (one decimal). */
export const viPercent = (f: number): string =>
  `${(f * 100).toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1, roundingMode: 'halfExpand' } as Intl.NumberFormatOptions)} %`;
