/**
 * Small hand-written SVG charts that GitHub shows as images: self-contained (no scripts, styles or external
 * fonts), explicit size, white background, generic font fallbacks. Each series carries a `class` so tests
 * (and people reading the XML) can find it.
 */
import { fmtThreshold } from './markdown';
import { Run } from './types';

const FONT = 'Helvetica, Arial, DejaVu Sans, Liberation Sans, sans-serif';
const COLORS = {
  throughput: '#1f77b4',
  delivered: '#2ca02c',
  loss: '#d62728',
  capacity: '#2f4b7c',
  sustained: '#1f77b4',
  peak: '#ff7f0e',
  // Reference lines are not data: a colour no series uses, thinner, dash-dot.
  threshold: '#9467bd',
};
const THRESHOLD_DASH = '8 3 2 3';
/** Parts of a round's events, bottom to top of its bar. */
const SPLIT = [
  { key: 'delivered', label: 'delivered', color: '#2ca02c' },
  { key: 'kernel', label: 'kernel drops', color: '#d62728' },
  { key: 'ruleMiss', label: 'rule misses', color: '#7f7f7f' },
  { key: 'backlog', label: 'still matching', color: '#bcbd22' },
  { key: 'queue', label: 'queue drops', color: '#ff7f0e' },
  { key: 'http', label: 'HTTP lost/late', color: '#9467bd' },
] as const;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

type Attrs = Record<string, string | number | undefined>;
const num = (v: number) => String(Number(v.toFixed(1)));
function el(name: string, attrs: Attrs, children: string | string[] = ''): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v!)}"`)
    .join('');
  const body = Array.isArray(children) ? children.join('') : children;
  return body === '' ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}
const text = (x: number, y: number, content: string, attrs: Attrs = {}) => el('text', { x, y, ...attrs }, escapeXml(content));
const line = (x1: number, y1: number, x2: number, y2: number, attrs: Attrs) => el('line', { x1, y1, x2, y2, ...attrs });

function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return `${el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT, 'font-size': 12 },
    [el('title', {}, escapeXml(title)), el('rect', { width, height, fill: '#ffffff' }), ...body],
  )}\n`;
}

/** 1500 -> `1.5k`; axis labels stay short. */
export function fmtSi(v: number): string {
  if (v >= 1e6) return `${Number((v / 1e6).toFixed(2))}M`;
  if (v >= 1e3) return `${Number((v / 1e3).toFixed(2))}k`;
  return String(Number(v.toFixed(2)));
}

interface LegendItem {
  label: string;
  color: string;
  dash?: string;
  bar?: boolean;
  dot?: boolean;
  width?: number;
}
/** About 6.5 px a character at 12 px: wide enough for the generic fonts. */
const textWidth = (t: string, size = 12) => t.length * size * 0.55;
const legendWidth = (items: LegendItem[]) => items.reduce((w, item) => w + 40 + textWidth(item.label), 0);

function legend(x: number, y: number, items: LegendItem[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    out.push(
      item.dot
        ? el('circle', { cx: x + 7, cy: y - 4, r: 3, fill: item.color })
        : item.bar
        ? el('rect', { x, y: y - 9, width: 14, height: 10, fill: item.color })
        : line(x, y - 4, x + 22, y - 4, { stroke: item.color, 'stroke-width': item.width ?? 2, 'stroke-dasharray': item.dash }),
      text(x + 28, y, item.label),
    );
    x += 40 + textWidth(item.label);
  }
  return [el('g', { class: 'legend' }, out)];
}

/**
 * Per run: throughput and delivered EPS per round on a log scale (the bench halves its sleep every round,
 * so the offered rate grows geometrically), loss on a second axis, the knee and the threshold marked.
 */
export function runChart(run: Run, name = run.variant): string {
  const W = 760, H = 420, L = 72, R = 64, T = 60, B = 56;
  const pw = W - L - R, ph = H - T - B;
  const title = `${name}: EPS and loss per round`;
  const body: string[] = [text(L, 24, title, { 'font-size': 15, 'font-weight': 'bold' })];
  const rounds = run.perRound;
  if (rounds.length === 0) {
    body.push(text(W / 2, H / 2, run.status === 'not-finished' ? 'not finished' : 'no complete round', { 'text-anchor': 'middle' }));
    return svgDocument(W, H, title, body);
  }

  const first = rounds[0].round, last = rounds[rounds.length - 1].round;
  const x = (r: number) => (first === last ? L + pw / 2 : L + ((r - first) / (last - first)) * pw);
  const positive = rounds.flatMap((r) => [r.throughput, r.delivered]).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...positive, 10)));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(...positive, 10)));
  if (hi <= lo) hi = lo * 10;
  const yEps = (v: number) => T + ph - ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * ph;
  const yLoss = (loss: number) => T + ph - Math.min(Math.max(loss, 0), 1) * ph;

  const grid: string[] = [];
  for (let d = lo; d <= hi * 1.0001; d *= 10) {
    grid.push(line(L, yEps(d), L + pw, yEps(d), { stroke: '#e0e0e0' }), text(L - 8, yEps(d) + 4, fmtSi(d), { 'text-anchor': 'end' }));
  }
  for (const p of [0, 0.25, 0.5, 0.75, 1]) grid.push(text(L + pw + 8, yLoss(p) + 4, `${p * 100} %`, { fill: COLORS.loss }));
  const step = Math.max(1, Math.ceil((last - first + 1) / 20));
  for (const r of rounds) {
    if ((r.round - first) % step === 0) {
      grid.push(line(x(r.round), T + ph, x(r.round), T + ph + 5, { stroke: '#333' }), text(x(r.round), T + ph + 18, String(r.round), { 'text-anchor': 'middle' }));
    }
  }
  body.push(
    el('g', { class: 'grid' }, grid),
    el('rect', { x: L, y: T, width: pw, height: ph, fill: 'none', stroke: '#333' }),
    el('g', { class: 'axis-labels' }, [
      text(L + pw / 2, H - 14, 'round', { 'text-anchor': 'middle' }),
      text(0, 0, 'events per second (log scale)', { 'text-anchor': 'middle', transform: `translate(18 ${T + ph / 2}) rotate(-90)` }),
      text(0, 0, 'loss', { 'text-anchor': 'middle', fill: COLORS.loss, transform: `translate(${W - 12} ${T + ph / 2}) rotate(90)` }),
    ]),
    ...legend(L, 46, [
      { label: 'throughput (EPS)', color: COLORS.throughput },
      { label: 'delivered (EPS)', color: COLORS.delivered },
      { label: 'loss (right axis)', color: COLORS.loss, dash: '6 4' },
      { label: `threshold ${fmtThreshold(run.threshold)}`, color: COLORS.threshold, dash: THRESHOLD_DASH, width: 1.5 },
    ]),
  );

  const t = yLoss(run.threshold);
  const label = `loss threshold ${fmtThreshold(run.threshold)}`;
  body.push(
    el('g', { class: 'threshold' }, [
      line(L, t, L + pw, t, { stroke: COLORS.threshold, 'stroke-width': 1.5, 'stroke-dasharray': THRESHOLD_DASH }),
      el('rect', { x: L + pw - 8 - textWidth(label, 10), y: t - 15, width: textWidth(label, 10) + 6, height: 12, fill: '#ffffff', 'fill-opacity': 0.85 }),
      text(L + pw - 4, t - 5, label, { 'text-anchor': 'end', fill: COLORS.threshold, 'font-size': 10 }),
    ]),
  );
  const series = (name: 'throughput' | 'delivered' | 'loss', y: (r: (typeof rounds)[number]) => number, dash?: string) =>
    el('polyline', {
      class: `series ${name}`,
      points: rounds.map((r) => `${num(x(r.round))},${num(y(r))}`).join(' '),
      fill: 'none',
      stroke: COLORS[name],
      'stroke-width': 2,
      'stroke-dasharray': dash,
    });
  // Throughput on top of delivered: below the knee they coincide, above it delivered splits off.
  body.push(series('delivered', (r) => yEps(r.delivered)), series('throughput', (r) => yEps(r.throughput)), series('loss', (r) => yLoss(r.loss), '6 4'));

  const k = run.knee;
  if (k) {
    const kx = x(k.round);
    const label = `knee: round ${k.round}, ${k.eps.toFixed(1)} EPS, ${(k.success * 100).toFixed(2)} % success`;
    // Put the label on the side of the line where it fits (about 6.5 px a character at 12 px).
    const right = kx + 6 + label.length * 6.5 > L + pw;
    body.push(
      el('g', { class: 'knee' }, [
        line(kx, T, kx, T + ph, { stroke: '#000', 'stroke-dasharray': '4 3' }),
        el('circle', { cx: kx, cy: yEps(k.eps), r: 5, fill: 'none', stroke: '#000', 'stroke-width': 2 }),
        text(right ? kx - 6 : kx + 6, T + 14, label, { 'text-anchor': right ? 'end' : 'start' }),
      ]),
    );
  } else {
    body.push(text(L + 8, T + 14, `no round reached the loss threshold (${fmtThreshold(run.threshold)})`, { class: 'no-knee' }));
  }
  return svgDocument(W, H, title, body);
}

/** A round upper bound and step for a linear axis with about five ticks. */
function niceAxis(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 0.2 };
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

/** Most characters of a label line under a variant's group (200 px at about 6.6 px a character, with a margin). */
export const LABEL_LINE_CHARS = 28;
const LABEL_LINES = 3;

/**
 * A variant name as at most LABEL_LINES lines of at most `width` characters, broken after `-`, `_`, `.`, `/` or
 * a space where it can be and inside a word where it must; what does not fit ends in `…`.
 */
export function wrapLabel(label: string, width = LABEL_LINE_CHARS): string[] {
  if (label.length <= width) return [label];
  const parts = label.match(/[^-_./ ]*[-_./ ]?/g)!.filter((p) => p !== '');
  const lines: string[] = [];
  let current = '';
  for (let part of parts) {
    while (part.length > width) {
      if (current !== '') lines.push(current);
      lines.push(part.slice(0, width));
      part = part.slice(width);
      current = '';
    }
    if (current.length + part.length > width) {
      lines.push(current);
      current = part;
    } else current += part;
  }
  if (current !== '') lines.push(current);
  if (lines.length <= LABEL_LINES) return lines;
  const kept = lines.slice(0, LABEL_LINES);
  kept[LABEL_LINES - 1] = `${kept[LABEL_LINES - 1].slice(0, width - 1)}…`;
  return kept;
}

/** A min–max whisker at x. */
const whisker = (x: number, yMin: number, yMax: number, cls: string) =>
  el('g', { class: cls }, [
    line(x, yMax, x, yMin, { stroke: '#000', 'stroke-width': 1.5 }),
    line(x - 6, yMax, x + 6, yMax, { stroke: '#000', 'stroke-width': 1.5 }),
    line(x - 6, yMin, x + 6, yMin, { stroke: '#000', 'stroke-width': 1.5 }),
  ]);

/**
 * Across variants: Falco's capacity (the headline, with its min–max as a whisker: over the sampled intervals of
 * one run, over the runs of a repeated variant), max sustained and peak delivered EPS side by side; a repeated
 * variant's bars are its medians, each with the min–max over its runs. The width grows with the variants and
 * fits the title and legend; long variant names wrap.
 */
export function comparisonChart(runs: Run[], threshold: number): string {
  const G = 200, L = 72, R = 24, T = 64, B = 64, H = 420, BAR = 48;
  const title = 'Capacity, max sustained and peak delivered EPS';
  const items: LegendItem[] = [
    { label: 'capacity (matches/s)', color: COLORS.capacity, bar: true },
    { label: `max sustained (loss < ${fmtThreshold(threshold)})`, color: COLORS.sustained, bar: true },
    { label: 'peak delivered', color: COLORS.peak, bar: true },
  ];
  const W = Math.ceil(Math.max(L + runs.length * G + R, L + legendWidth(items) + R, L + textWidth(title, 15) * 1.1 + R));
  const ph = H - T - B;
  // A repeated variant's whiskers reach its runs' highest values.
  const over = (r: Run, f: (x: Run) => number | null) => (r.repeats ?? [r]).map((x) => f(x) ?? 0);
  const values = runs.flatMap((r) => [r.capacity?.max ?? 0, ...over(r, (x) => x.maxSustainedEps), ...over(r, (x) => x.peakDeliveredEps)]);
  const { top, step } = niceAxis(Math.max(0, ...values));
  const y = (v: number) => T + ph - (v / top) * ph;
  const grid: string[] = [];
  for (let v = 0; v <= top + step / 1000; v += step) {
    grid.push(line(L, y(v), W - R, y(v), { stroke: '#e0e0e0' }), text(L - 8, y(v) + 4, fmtSi(v), { 'text-anchor': 'end' }));
  }
  const body: string[] = [
    text(L, 24, title, { 'font-size': 15, 'font-weight': 'bold' }),
    ...legend(L, 48, items),
    el('g', { class: 'grid' }, grid),
    text(0, 0, 'per second', { 'text-anchor': 'middle', transform: `translate(18 ${T + ph / 2}) rotate(-90)` }),
  ];
  runs.forEach((run, i) => {
    const cx = L + G * i + G / 2;
    const label = wrapLabel(run.variant);
    const group: string[] = [
      label.length === 1
        ? text(cx, T + ph + 20, run.variant, { 'text-anchor': 'middle', class: 'variant' })
        : el('text', { x: cx, y: T + ph + 20, 'text-anchor': 'middle', class: 'variant' }, [
            el('title', {}, escapeXml(run.variant)),
            ...label.map((l, k) => el('tspan', { x: cx, dy: k === 0 ? undefined : 14 }, escapeXml(l))),
          ]),
    ];
    if (run.status === 'not-finished') {
      group.push(text(cx, T + ph - 8, 'not finished', { 'text-anchor': 'middle', fill: '#666' }));
    }
    const bar = (cls: 'capacity' | 'sustained' | 'peak', v: number | null, bx: number, missing = 'none') => {
      if (run.status === 'not-finished') return;
      if (v === null) {
        group.push(text(bx + BAR / 2, T + ph - 6, missing, { 'text-anchor': 'middle', fill: '#666', 'font-size': 10 }));
        return;
      }
      group.push(
        el('rect', { class: `bar ${cls}`, x: bx, y: y(v), width: BAR, height: T + ph - y(v), fill: COLORS[cls] }),
        text(bx + BAR / 2, y(v) - 4, String(Math.round(v)), { 'text-anchor': 'middle', 'font-size': 11 }),
      );
    };
    const c = run.capacity;
    bar('capacity', c ? c.eps : null, cx - 78, run.capacityNote?.startsWith('unavailable') ? 'n/a' : 'not reached');
    if (c) group.push(whisker(cx - 78 + BAR / 2, y(c.min), y(c.max), run.repeats ? 'spread runs' : 'spread'));
    bar('sustained', run.maxSustainedEps, cx - 24);
    bar('peak', run.peakDeliveredEps, cx + 30);
    // The runs' spread of the other bars, only when there is more than one run.
    if (run.repeats) {
      for (const [f, bx] of [[(x: Run) => x.maxSustainedEps, cx - 24], [(x: Run) => x.peakDeliveredEps, cx + 30]] as const) {
        const v = run.repeats.map(f).filter((x): x is number => x !== null);
        if (v.length > 0) group.push(whisker(bx + BAR / 2, y(Math.min(...v)), y(Math.max(...v)), 'spread runs'));
      }
    }
    body.push(el('g', { class: 'run' }, group));
  });
  body.push(line(L, T + ph, W - R, T + ph, { stroke: '#333' }));
  return svgDocument(W, H, title, body);
}

/**
 * Per run with samples: each round's events as one bar of 100 %, stacked from delivered up through the parts of
 * the loss. Negative parts (work of the previous round landing in this one: late alerts, a backlog matched) go
 * below the axis, so that what is above it minus what is below it is the round's 100 %. A dot above a bar marks
 * a round in which Falco fell behind the generator.
 */
export function attributionChart(run: Run, name = run.variant): string {
  const W = 760, H = 420, L = 72, R = 24, T = 76, B = 56;
  const pw = W - L - R, ph = H - T - B;
  const title = `${name}: where each round's events went`;
  const rounds = run.perRound.filter((r) => r.attribution !== null && r.attribution.expected > 0);
  const body: string[] = [text(L, 24, title, { 'font-size': 15, 'font-weight': 'bold' })];
  body.push(
    ...legend(L, 46, SPLIT.slice(0, 4).map((p) => ({ label: p.label, color: p.color, bar: true }))),
    ...legend(L, 64, [...SPLIT.slice(4).map((p) => ({ label: p.label, color: p.color, bar: true })), { label: 'fell behind', color: '#000', dot: true }]),
  );
  if (rounds.length === 0) {
    body.push(text(W / 2, H / 2, 'no attributed round', { 'text-anchor': 'middle' }));
    return svgDocument(W, H, title, body);
  }
  type Key = (typeof SPLIT)[number]['key'];
  const partsOf = (r: (typeof rounds)[number]): Record<Key, number> => ({ delivered: r.attribution!.delivered, ...r.attribution!.loss });
  const sums = rounds.map((r) => {
    const values = Object.values(partsOf(r)).map((v) => v / r.attribution!.expected);
    return { up: values.filter((v) => v > 0).reduce((a, b) => a + b, 0), down: values.filter((v) => v < 0).reduce((a, b) => a + b, 0) };
  });
  // The scale runs over whole quarters from the deepest negative stack to the highest positive one.
  const hi = Math.ceil(Math.max(1, ...sums.map((x) => x.up)) * 4) / 4;
  const lo = Math.floor(Math.min(0, ...sums.map((x) => x.down)) * 4) / 4;
  const y = (f: number) => T + ((hi - f) / (hi - lo)) * ph;
  const grid: string[] = [];
  for (let q = Math.round(lo * 4); q <= Math.round(hi * 4); q++) {
    const f = q / 4;
    grid.push(line(L, y(f), L + pw, y(f), { stroke: f === 0 ? '#333' : '#e0e0e0' }), text(L - 8, y(f) + 4, `${f * 100} %`, { 'text-anchor': 'end' }));
  }
  const slot = pw / rounds.length;
  const bw = Math.max(2, Math.min(28, slot * 0.7));
  const bars: string[] = [];
  const step = Math.max(1, Math.ceil(rounds.length / 20));
  rounds.forEach((r, i) => {
    const a = r.attribution!;
    const x = L + slot * i + (slot - bw) / 2;
    const parts = partsOf(r);
    let up = 0, down = 0;
    for (const p of SPLIT) {
      const f = parts[p.key] / a.expected;
      if (f > 0) {
        bars.push(el('rect', { class: `part ${p.key}`, x, y: y(up + f), width: bw, height: y(0) - y(f), fill: p.color }));
        up += f;
      } else if (f < 0) {
        bars.push(el('rect', { class: `part ${p.key} negative`, x, y: y(down), width: bw, height: y(0) - y(-f), fill: p.color, 'fill-opacity': 0.55 }));
        down += f;
      }
    }
    if (a.backlogged) bars.push(el('circle', { class: 'backlogged', cx: x + bw / 2, cy: T - 6, r: 3, fill: '#000' }));
    if (i % step === 0) bars.push(text(x + bw / 2, T + ph + 18, String(r.round), { 'text-anchor': 'middle' }));
  });
  body.push(
    el('g', { class: 'grid' }, grid),
    el('g', { class: 'rounds' }, bars),
    el('rect', { x: L, y: T, width: pw, height: ph, fill: 'none', stroke: '#333' }),
    text(L + pw / 2, H - 14, 'round', { 'text-anchor': 'middle' }),
    text(0, 0, "share of the round's events", { 'text-anchor': 'middle', transform: `translate(18 ${T + ph / 2}) rotate(-90)` }),
  );
  return svgDocument(W, H, title, body);
}
