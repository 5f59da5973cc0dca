/**
 * The pane's controller: wires the buttons to the workflows, shows results and errors, and
 * re-checks (debounced) after the user edits the sheets. One operation runs at a time.
 */
import type { Text } from '../../core/forms';
import type { Issue } from '../../core/submission';
import { countBySeverity } from '../check';
import type { ExcelAdapter } from '../excel/adapter';
import { MESSAGES, UI, type Lang } from '../i18n';
import { unitIndicators } from '../indicators';
import { createOrRefresh, exportSubmission, importFiles, PaneError, runCheck, type Checked, type ReadFileFn, type Reference } from '../workflows';
import { byId } from './dom';
import { saveFile } from './download';
import { IndicatorPreview } from './indicator-preview';
import { renderImportOutcomes } from './import-results';
import { renderIssues } from './issue-list';
import { UnitPicker } from './unit-picker';

/** Wait this long after the last edit before checking again. */
export const AUTO_CHECK_DELAY_MS = 800;

/** ExcelJS is large: loaded the first time a file is read or written. */
const xlsx = () => import(/* webpackChunkName: "xlsx" */ '../../core/xlsx');

type Tone = 'info' | 'ok' | 'error';

export class TaskPane {
  private readonly picker: UnitPicker;
  private readonly preview: IndicatorPreview;
  private readonly status = byId('status');
  private readonly buttons = ['create', 'check', 'import', 'export', 'export-with-reason'].map((id) => byId<HTMLButtonElement>(id));
  private readonly autoCheck = byId<HTMLInputElement>('auto-check');
  private readonly reasonBox = byId('reason-box');
  private readonly reason = byId<HTMLTextAreaElement>('reason');
  private busy = false;
  private pendingCheck: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly adapter: ExcelAdapter,
    private readonly ref: Reference,
    private readonly lang: Lang,
  ) {
    this.picker = new UnitPicker(ref.registry, lang);
    this.preview = new IndicatorPreview(lang);
  }

  async start(): Promise<void> {
    this.picker.init();
    byId('create').addEventListener('click', () => void this.create());
    byId('check').addEventListener('click', () => void this.check());
    byId('import').addEventListener('click', () => void this.importChosen());
    byId('export').addEventListener('click', () => void this.export(null));
    byId('export-with-reason').addEventListener('click', () => void this.exportWithReason());
    await this.run(async () => {
      await this.adapter.watchChanges(() => this.scheduleCheck());
      const checked = await runCheck(this.adapter, this.ref);
      const sub = checked.submission;
      if (!sub) return this.say(UI.startHint);
      this.picker.show(sub.unitCode, sub.period, sub.reportDate);
      await this.showCheck(checked);
    });
  }

  private say(text: Text, tone: Tone = 'info'): void {
    this.status.textContent = text[this.lang];
    this.status.className = tone === 'info' ? 'status' : `status ${tone}`;
  }

  /** Runs one operation at a time with the buttons disabled; errors become a message. */
  private async run(op: () => Promise<void>, working: Text = UI.working): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.buttons.forEach((b) => (b.disabled = true));
    this.say(working);
    try {
      await op();
    } catch (err) {
      if (err instanceof PaneError) this.say(err.text, 'error');
      else {
        console.error(err);
        const detail = err instanceof Error ? err.message : String(err);
        this.say(MESSAGES.excelFailed(detail), 'error');
      }
    } finally {
      this.busy = false;
      this.buttons.forEach((b) => (b.disabled = false));
    }
  }

  private async showCheck(checked: Checked): Promise<void> {
    const counts = countBySeverity(checked.issues);
    renderIssues(byId('issues'), byId('issue-summary'), checked.issues, this.lang, (issue) => void this.select(issue));
    this.say(MESSAGES.checked(counts.error, counts.warning), counts.error > 0 ? 'error' : 'ok');
    const sub = checked.submission;
    await this.preview.show(sub ? unitIndicators(sub, this.ref.registry, this.ref.targets) : []);
  }

  private async select(issue: Issue): Promise<void> {
    if (!issue.sheet || !issue.cell) return;
    try {
      await this.adapter.select(issue.sheet, issue.cell);
    } catch (err) {
      console.error(err);
    }
  }

  private scheduleCheck(): void {
    if (!this.autoCheck.checked) return;
    clearTimeout(this.pendingCheck);
    this.pendingCheck = setTimeout(() => {
      if (this.busy) this.scheduleCheck();
      else void this.check();
    }, AUTO_CHECK_DELAY_MS);
  }

  async create(): Promise<void> {
    await this.run(async () => {
      const req = this.picker.request();
      const { refreshed } = await createOrRefresh(this.adapter, this.ref, req);
      const checked = await runCheck(this.adapter, this.ref);
      await this.showCheck(checked);
      const say = refreshed ? MESSAGES.refreshed : MESSAGES.created;
      this.say(say(req.unitCode, req.period.code), 'ok');
    });
  }

  async check(): Promise<void> {
    await this.run(async () => this.showCheck(await runCheck(this.adapter, this.ref)), UI.checking);
  }

  private async importChosen(): Promise<void> {
    const input = byId<HTMLInputElement>('import-files');
    const chosen = [...(input.files ?? [])];
    if (chosen.length === 0) return this.say(UI.noFiles, 'error');
    await this.run(async () => {
      const { readWorkbookFile, guardFileSize, guardIssue } = await xlsx();
      // A file far larger than any report is refused by its size, never read into the pane.
      const tooLarge = new Map(chosen.flatMap((f) => (f.size > 0 && guardFileSize(f.size) ? [[f.name, guardFileSize(f.size)!] as const] : [])));
      const files = await Promise.all(
        chosen.map(async (f) => ({ name: f.name, data: tooLarge.has(f.name) ? new Uint8Array(0) : new Uint8Array(await f.arrayBuffer()) })),
      );
      const readFile: ReadFileFn = async (data, name) => {
        const refusal = tooLarge.get(name);
        return refusal ? { submission: null, issues: [guardIssue(refusal, name)] } : readWorkbookFile(data, name);
      };
      const outcomes = await importFiles(this.adapter, this.ref, files, readFile);
      renderImportOutcomes(byId('import-results'), outcomes, this.lang);
      await this.showCheck(await runCheck(this.adapter, this.ref));
      const imported = outcomes.filter((o) => o.imported).length;
      this.say(MESSAGES.importDone(imported, outcomes.length - imported), imported > 0 ? 'ok' : 'error');
      input.value = '';
    });
  }

  private async exportWithReason(): Promise<void> {
    const reason = this.reason.value.trim();
    if (!reason) {
      this.say(UI.reasonRequired, 'error');
      this.reason.focus();
      return;
    }
    await this.export(reason);
  }

  /** Checks, then downloads `<unit>_<period>.xlsx`; with errors left, asks for a reason first. */
  private async export(reason: string | null): Promise<void> {
    await this.run(async () => {
      const { writeSubmissionWorkbook } = await xlsx();
      const result = await exportSubmission(this.adapter, this.ref, reason, writeSubmissionWorkbook);
      await this.showCheck(result.checked);
      if (result.status === 'needs-reason') {
        this.reasonBox.hidden = false;
        this.say(MESSAGES.needsReason(countBySeverity(result.checked.issues).error), 'error');
        this.reason.focus();
        return;
      }
      saveFile(result.bytes, result.fileName);
      this.reasonBox.hidden = true;
      this.say(MESSAGES.exported(result.fileName), 'ok');
    });
  }
}
