import fc from 'fast-check';
import { formatIndicatorDelta, formatIndicatorValue, formatPercent } from '../../core/charts';
import { viNumber, vietnamTime } from '../../core/format';
import { wrapText } from '../../core/charts/common';
import { labelBox, placeLabels } from '../../core/charts/label-placement';
import { html, raw } from '../../pipeline/outputs/report/html';
import { scopeSvgIds } from '../../pipeline/outputs/report/render';
import { HOSTILE } from './fixture';

describe('Vietnamese number formatting', () => {
  test('decimal comma, dot thousands, Unicode minus', () => {
    expect(viNumber(1234)).toBe('1.234');
    expect(viNumber(1234567.891, 1)).toBe('1.234.567,9');
    expect(viNumber(12.5, 1)).toBe('12,5');
    expect(viNumber(999)).toBe('999');
    expect(viNumber(-1234.5, 1)).toBe('−1.234,5');
    expect(viNumber(-0.01, 1)).toBe('0,0');
    expect(formatPercent(0.125)).toBe('12,5%');
    expect(formatPercent(1)).toBe('100,0%');
  });

  test('agrees with Intl vi-VN grouping for any whole number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(viNumber(n)).toBe(new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(n));
      }),
    );
  });

  test('indicator values and differences', () => {
    expect(formatIndicatorValue('N04', 0.367)).toBe('36,7%');
    expect(formatIndicatorValue('N09', 62.345)).toBe('62,3');
    expect(formatIndicatorValue('N04', null)).toBe('—');
    expect(formatIndicatorDelta('N04', 0.021)).toBe('+2,1 điểm %');
    expect(formatIndicatorDelta('N04', -0.0049)).toBe('−0,5 điểm %');
    expect(formatIndicatorDelta('N04', 0.0001)).toBe('0,0 điểm %');
    expect(formatIndicatorDelta('N12', -1.25)).toBe('−1,3');
  });
});

describe('HTML escaping', () => {
  const escapeHtml = (value: unknown) => html`${value}`.toString();

  test('hostile strings come out inert', () => {
    expect(escapeHtml(HOSTILE.script)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml(HOSTILE.img)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(escapeHtml(HOSTILE.attr)).toBe('&quot; onmouseover=&quot;alert(2)&quot; x=&quot;');
    expect(escapeHtml(HOSTILE.entity)).toBe('Tổng &amp;amp; cộng &lt;b&gt;đậm&lt;/b&gt; &amp; &#39;trích&#39;');
    expect(escapeHtml(null)).toBe('');
  });

  test('no markup character survives, and unescaping gives the input back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const out = escapeHtml(s);
        expect(out).not.toMatch(/[<>"']/);
        const back = out.replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[e]!);
        expect(back).toBe(s);
      }),
    );
  });

  test('only markup made by html or marked raw goes in as it is', () => {
    const inner = html`<b>${HOSTILE.script}</b>`;
    expect(html`<p>${inner}${raw('<br>')}${[HOSTILE.img, html`<i>x</i>`]}${false}${undefined}${0}</p>`.toString()).toBe(
      '<p><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</b><br>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<i>x</i>0</p>',
    );
  });
});

describe('layout helpers', () => {
  test('SVG ids are scoped in tags and references, never in text', () => {
    const svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><text>id="clip1" url(#clip1)</text></g><use href="#clip1"/></svg>';
    expect(scopeSvgIds(svg, 'a-')).toBe(
      '<svg><defs><clipPath id="a-clip1"><rect/></clipPath></defs><g clip-path="url(#a-clip1)"><text>id="clip1" url(#clip1)</text></g><use href="#a-clip1"/></svg>',
    );
  });

  test('titles wrap at spaces within the limit', () => {
    expect(wrapText('N04. Tỷ lệ lực lượng lao động được truyền thông chính sách BHXH', 42)).toEqual([
      'N04. Tỷ lệ lực lượng lao động được truyền',
      'thông chính sách BHXH',
    ]);
    expect(wrapText('ngắn', 42)).toEqual(['ngắn']);
  });

  test('produced-at time is shown in Vietnam time (UTC+7)', () => {
    expect(vietnamTime('2026-06-25T18:05:00Z')).toBe('01:05 ngày 26/06/2026 (giờ Việt Nam)');
    expect(vietnamTime('không phải ngày')).toBe('không phải ngày');
  });

  test('point labels of a crowded scatter do not overlap where there is room', () => {
    const points = Array.from({ length: 12 }, (_, i) => ({ x: 200 + (i % 4) * 30, y: 150 + Math.floor(i / 4) * 30, text: `Tỉnh số ${i}` }));
    const spots = placeLabels(points, { width: 560, height: 380 }, 9, 4);
    const boxes = spots.map((s, i) => labelBox(s, points[i].text, 9));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlaps = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect({ i, j, overlaps }).toEqual({ i, j, overlaps: false });
      }
    }
  });
});
