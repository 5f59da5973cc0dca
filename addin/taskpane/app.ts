/**
 * The pane's controller: wires the buttons to the workflows, shows each result next to the
 * button that produced it, and re-checks (debounced) after the user edits the sheets. One
 * operation runs at a time. Every text shown is kept as both languages, so the VI/EN switch
 * redraws the pane as it stands.
 */
import type { Text } from '../../core/forms';
import { periodLabel } from '../../core/periods';
import type { Issue } from '../../core/submission';
import { countBySeverity } from '../check-workbook';
import type { DeliveryChannels } from '../delivery';
import type { ExcelAdapter } from '../excel/adapter';
import { MESSAGES, UI, type Lang } from '../i18n';
import type { ImportOutcome } from '../import-plan';
import { unitIndicators } from '../indicators';
import { vietnamDate } from '../../core/format';
import { createOrRefresh, draftReport, exportSubmission, importFiles, PaneError, runCheck, type Checked, type JudgeFileFn, type Reference } from '../workflows';
import { DeliveryView } from './delivery-view';
import { byId } from './dom';
import { IndicatorPreview } from './indicator-preview';
import { renderImportOutcomes } from './import-results';
import { renderIssues } from './issue-list';
import { ResultLine } from './result-line';
import { UnitPicker } from './unit-picker';

/** Wait this long after the last edit before checking again. */
export const AUTO_CHECK_DELAY_MS = 800;

/** The xlsx code (reader, writer, ExcelJS for files the fast reader declines) is large: loaded the first time a file is read or written. */
const xlsx = () => import(/* webpackChunkName: "xlsx" */ '../../core/xlsx');
/** So is the report draft's code: loaded the first time a draft is made. */
const reportDraft = () => import(/* webpackChunkName: "report-draft" */ '../report-draft');

export interface PaneOptions {
  /** Excel keeps its Undo history across the add-in's writes (ExcelApi 1.19): automatic checks may mark cells. */
  keepsUndo: boolean;
  channels: DeliveryChannels;
}

export class TaskPane {
  private readonly picker: UnitPicker;
  private readonly preview: IndicatorPreview;
  private readonly lines: Record<'create' | 'check' | 'import' | 'export' | 'draft', ResultLine>;
  private readonly delivery: DeliveryView;
  private readonly draftDelivery: DeliveryView;
  private readonly buttons = ['create', 'check', 'import', 'export', 'export-with-reason', 'draft'].map((id) => byId<HTMLButtonElement>(id));
  private readonly autoCheck = byId<HTMLInputElement>('auto-check');
  private readonly reasonBox = byId('reason-box');
  private readonly reason = byId<HTMLTextAreaElement>('reason');
  private readonly fileInput = byId<HTMLInputElement>('import-files');
  private busy = false;
  private pendingCheck: ReturnType<typeof setTimeout> | undefined;
  /** What the pane shows, kept to redraw it in the other language. */
  private lastChecked: Checked | null = null;
  private lastImport: ImportOutcome[] = [];

  constructor(
    private readonly adapter: ExcelAdapter,
    private readonly ref: Reference,
    private lang: Lang,
    private readonly options: PaneOptions,
  ) {
    this.picker = new UnitPicker(ref.registry, lang);
    this.preview = new IndicatorPreview(lang);
    this.lines = {
      create: new ResultLine(byId('create-result'), lang),
      check: new ResultLine(byId('check-result'), lang),
      import: new ResultLine(byId('import-result'), lang),
      export: new ResultLine(byId('export-result'), lang),
      draft: new ResultLine(byId('draft-result'), lang),
    };
    this.delivery = new DeliveryView(byId('export-delivery'), options.channels, lang);
    this.draftDelivery = new DeliveryView(byId('draft-delivery'), options.channels, lang);
  }

  async start(): Promise<void> {
    this.picker.init();
    byId('create').addEventListener('click', () => void this.create());
    byId('check').addEventListener('click', () => void this.check(true));
    byId('import').addEventListener('click', () => void this.importChosen());
    byId('export').addEventListener('click', () => void this.export(null));
    byId('export-with-reason').addEventListener('click', () => void this.exportWithReason());
    byId('draft').addEventListener('click', () => void this.draft());
    this.fileInput.addEventListener('change', () => this.showChosenFiles());
    await this.run(this.lines.check, async () => {
      await this.adapter.watchChanges(() => this.scheduleCheck());
      const checked = await runCheck(this.adapter, this.ref, { mark: this.options.keepsUndo });
      const sub = checked.submission;
      if (!sub) {
        this.lines.check.set(null);
        return this.lines.create.set(UI.startHint);
      }
      this.picker.show(sub.unitCode, sub.period, sub.reportDate);
      // The report exists: step 1 folds away, the pane opens on the check.
      byId<HTMLDetailsElement>('step-setup').open = false;
      await this.showCheck(checked, false);
    });
  }

  /** Redraws everything shown in the other language. */
  async setLang(lang: Lang): Promise<void> {
    this.lang = lang;
    this.picker.setLang(lang);
    Object.values(this.lines).forEach((line) => line.setLang(lang));
    this.delivery.setLang(lang);
    this.draftDelivery.setLang(lang);
    this.showChosenFiles();
    renderImportOutcomes(byId('import-results'), this.lastImport, lang);
    this.renderIssues();
    await this.preview.setLang(lang);
  }

  /** Runs one operation at a time with the buttons disabled; errors show on the operation's line. */
  private async run(line: ResultLine, op: () => Promise<void>, working: Text = UI.working, reveal = true): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.buttons.forEach((b) => (b.disabled = true));
    line.set(working, 'info', reveal);
    try {
      await op();
    } catch (err) {
      if (err instanceof PaneError) line.set(err.text, 'error', reveal);
      else {
        console.error(err);
        const detail = err instanceof Error ? err.message : String(err);
        line.set(MESSAGES.excelFailed(detail), 'error', reveal);
      }
    } finally {
      this.busy = false;
      this.buttons.forEach((b) => (b.disabled = false));
    }
  }

  private renderIssues(): void {
    const checked = this.lastChecked;
    renderIssues(byId('issues'), checked?.issues ?? [], checked?.submission ?? null, this.lang, (issue) => void this.select(issue));
  }

  private async showCheck(checked: Checked, reveal = true): Promise<void> {
    this.lastChecked = checked;
    const counts = countBySeverity(checked.issues);
    this.renderIssues();
    const say = MESSAGES.checked(counts.error, counts.warning);
    const unmarked = !checked.marked && counts.error + counts.warning > 0;
    this.lines.check.set(unmarked ? { vi: `${say.vi} ${UI.autoChecked.vi}`, en: `${say.en} ${UI.autoChecked.en}` } : say, counts.error > 0 ? 'error' : 'ok', reveal);
    const sub = checked.submission;
    await this.preview.show(sub ? unitIndicators(sub, this.ref.registry, this.ref.targets) : [], checked.issues, sub);
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
      else void this.check(this.options.keepsUndo, false);
    }, AUTO_CHECK_DELAY_MS);
  }

  async create(): Promise<void> {
    await this.run(this.lines.create, async () => {
      const req = this.picker.request();
      const { refreshed } = await createOrRefresh(this.adapter, this.ref, req);
      const checked = await runCheck(this.adapter, this.ref);
      await this.showCheck(checked);
      const say = refreshed ? MESSAGES.refreshed : MESSAGES.created;
      this.lines.create.set(say(this.picker.unitLabel(req.unitCode, req.period), periodLabel(req.period)), 'ok');
    });
  }

  /**
   * `mark`: write the marks (the button, or an Excel that keeps Undo); `reveal`: scroll to the
   * result (not for the automatic check, which runs while the clerk types in the sheet).
   */
  async check(mark: boolean, reveal = true): Promise<void> {
    await this.run(this.lines.check, async () => this.showCheck(await runCheck(this.adapter, this.ref, { mark }), reveal), UI.checking, reveal);
  }

  private showChosenFiles(): void {
    const names = [...(this.fileInput.files ?? [])].map((f) => f.name);
    byId('chosen-files').textContent = names.length ? MESSAGES.filesChosen(names)[this.lang] : UI.noFileChosen[this.lang];
  }

  private async importChosen(): Promise<void> {
    const chosen = [...(this.fileInput.files ?? [])];
    if (chosen.length === 0) return this.lines.import.set(UI.noFiles, 'error');
    await this.run(this.lines.import, async () => {
      const { judgeWorkbookFile, guardFileSize, guardIssue } = await xlsx();
      // A file far larger than any report is refused by its size, never read into the pane.
      const tooLarge = new Map(chosen.flatMap((f) => (f.size > 0 && guardFileSize(f.size) ? [[f.name, guardFileSize(f.size)!] as const] : [])));
      const files = await Promise.all(
        chosen.map(async (f) => ({
          name: f.name,
          data: tooLarge.has(f.name) ? new Uint8Array(0) : new Uint8Array(await f.arrayBuffer()),
          modifiedMs: f.lastModified,
        })),
      );
      const judgeFile: JudgeFileFn = async (data, name, registry) => {
        const refusal = tooLarge.get(name);
        return refusal ? { submission: null, issues: [guardIssue(refusal, name)] } : judgeWorkbookFile(data, name, registry);
      };
      const outcomes = await importFiles(this.adapter, this.ref, files, judgeFile);
      this.lastImport = outcomes;
      renderImportOutcomes(byId('import-results'), outcomes, this.lang);
      await this.showCheck(await runCheck(this.adapter, this.ref));
      const imported = outcomes.filter((o) => o.imported).length;
      this.lines.import.set(MESSAGES.importDone(imported, outcomes.length - imported), imported > 0 ? 'ok' : 'error');
      this.fileInput.value = '';
      this.showChosenFiles();
    });
  }

  private async exportWithReason(): Promise<void> {
    const reason = this.reason.value.trim();
    if (!reason) {
      this.lines.export.set(UI.reasonRequired, 'error');
      this.reason.focus();
      return;
    }
    await this.export(reason);
  }

  /** Checks, then delivers `<unit>_<period>.xlsx`; with errors left, asks for a reason first. */
  private async export(reason: string | null): Promise<void> {
    this.delivery.hide();
    await this.run(this.lines.export, async () => {
      const { writeSubmissionWorkbook } = await xlsx();
      const result = await exportSubmission(this.adapter, this.ref, reason, writeSubmissionWorkbook);
      await this.showCheck(result.checked, false);
      if (result.status === 'needs-reason') {
        this.reasonBox.hidden = false;
        this.lines.export.set(MESSAGES.needsReason(countBySeverity(result.checked.issues).error), 'error');
        this.reason.focus();
        return;
      }
      this.reasonBox.hidden = true;
      this.lines.export.set(null);
      await this.delivery.deliver({ bytes: result.bytes, fileName: result.fileName, kind: 'xlsx' });
    });
  }

  /** Builds the province's Word draft from the open sheets and delivers it like the export. */
  private async draft(): Promise<void> {
    this.draftDelivery.hide();
    await this.run(this.lines.draft, async () => {
      const { reportDraftFile } = await reportDraft();
      const today = vietnamDate(new Date());
      const result = await draftReport(this.adapter, this.ref, (sub) => reportDraftFile(sub, this.ref, today));
      await this.showCheck(result.checked, false);
      const errors = countBySeverity(result.checked.issues).error;
      this.lines.draft.set(errors > 0 ? MESSAGES.draftWithErrors(errors) : null, 'error');
      await this.draftDelivery.deliver({ bytes: result.bytes, fileName: result.fileName, kind: 'docx' });
    });
  }
}
