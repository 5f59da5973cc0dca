/**
 * Greedy placement of point labels in a scatter plot: each label takes the first of eight
 * spots around its point that overlaps no point, no label placed before and stays inside the
 * plot, or else the spot with the least overlap. Vega-Lite has no label layout of its own;
 * doing it here keeps the chart a plain Vega-Lite spec the add-in can render as well.
 */

export interface LabelRequest {
  /** Point position in pixels from the plot's top-left corner. */
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel {
  /** Centre of the label in pixels. */
  x: number;
  y: number;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Average advance of DejaVu Sans per em; labels are measured, not rendered, here. */
const EM_WIDTH = 0.55;

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * EM_WIDTH;
}

export function labelBox(centre: PlacedLabel, text: string, fontSize: number): Box {
  const w = textWidth(text, fontSize) / 2;
  const h = (fontSize + 2) / 2;
  return { x0: centre.x - w, y0: centre.y - h, x1: centre.x + w, y1: centre.y + h };
}

export function placeLabels(
  points: readonly LabelRequest[],
  plot: { width: number; height: number },
  fontSize: number,
  pointRadius: number,
): PlacedLabel[] {
  const pointBoxes: Box[] = points.map((p) => ({ x0: p.x - pointRadius, y0: p.y - pointRadius, x1: p.x + pointRadius, y1: p.y + pointRadius }));
  const placed: Box[] = [];
  const result: PlacedLabel[] = new Array(points.length);
  // Crowded points first would be ideal; left to right, top to bottom is stable and good enough.
  const order = points.map((_, i) => i).sort((a, b) => points[a].x - points[b].x || points[a].y - points[b].y);
  for (const i of order) {
    const p = points[i];
    const halfW = textWidth(p.text, fontSize) / 2;
    const halfH = (fontSize + 2) / 2;
    const gap = pointRadius + 2;
    const spots: PlacedLabel[] = [
      { x: p.x + gap + halfW, y: p.y },
      { x: p.x - gap - halfW, y: p.y },
      { x: p.x, y: p.y - gap - halfH },
      { x: p.x, y: p.y + gap + halfH },
      { x: p.x + gap + halfW, y: p.y - gap - halfH + 2 },
      { x: p.x + gap + halfW, y: p.y + gap + halfH - 2 },
      { x: p.x - gap - halfW, y: p.y - gap - halfH + 2 },
      { x: p.x - gap - halfW, y: p.y + gap + halfH - 2 },
    ];
    let best = spots[0];
    let bestCost = Infinity;
    for (const spot of spots) {
      const box = labelBox(spot, p.text, fontSize);
      const outside = box.x0 < 0 || box.y0 < 0 || box.x1 > plot.width || box.y1 > plot.height ? 1e6 : 0;
      const cost = outside + [...placed, ...pointBoxes].reduce((n, other) => n + overlap(box, other), 0);
      if (cost < bestCost) {
        best = spot;
        bestCost = cost;
      }
      if (cost === 0) break;
    }
    placed.push(labelBox(best, p.text, fontSize));
    result[i] = best;
  }
  return result;
}
