/**
 * A province's draft where a column was left blank: the sentence names what is missing after the
 * noun ("văn bản (chưa có số liệu)"), never "đã tham mưu chưa có số liệu văn bản".
 */
import { unitIndicators } from '../../addin/indicators';
import { provinceDraft } from '../../core/draft/province';
import { recomputeTotal, provinceSubmission } from '../pipeline/fixtures';
import { registry, targets } from '../pipeline/helpers';

test('a blank column reads as the noun followed by (chưa có số liệu)', () => {
  const sub = provinceSubmission(registry, '51', '2026-H1', { reportDate: '2026-06-12', seed: 7 });
  const table = sub.forms.F03!;
  for (const row of table.rows) row.values[0] = null; // (1) documents advised: blank everywhere
  recomputeTotal(table);
  const doc = provinceDraft(sub, registry, unitIndicators(sub, registry, targets), '2026-06-12');
  const text = JSON.stringify(doc.body);
  expect(text).toContain('đã tham mưu văn bản (chưa có số liệu) cho cấp ủy');
  expect(text).not.toMatch(/chưa có số liệu (văn bản|hội nghị|lượt|người|cuộc)/);
});
