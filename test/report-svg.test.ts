import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeRun, notFinishedRun } from '../report/metrics';
import { parseLog } from '../report/parse';
import { SCENARIOS } from '../benchsim/scenarios';
import { SimParams, simulate } from '../benchsim/sim';
import { attributionChart, comparisonChart, escapeXml, fmtSi, runChart } from '../report/svg';
import { Run } from '../report/types';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/**
 * A strict little XML reader, enough to prove the charts well-formed: matched tags, quoted and unique
 * attributes, no stray `<` or `&`, one root element.
 */
function parseXml(src: string): XmlNode {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at ${i}: ${JSON.stringify(src.slice(i, i + 40))}`);
  };
  const decode = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) fail('bad entity');
    return s
      .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
      .replace(/&(amp|lt|gt|quot|apos);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e as string]!);
  };
  const ws = () => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  const name = () => {
    const m = /^[A-Za-z_][\w:.-]*/.exec(src.slice(i));
    if (!m) fail('name expected');
    i += m![0].length;
    return m![0];
  };
  const element = (): XmlNode => {
    if (src[i] !== '<') fail('< expected');
    i++;
    const node: XmlNode = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      ws();
      if (src.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      const key = name();
      if (key in node.attrs) fail(`duplicate attribute ${key}`);
      ws();
      if (src[i] !== '=') fail('= expected');
      i++;
      ws();
      const q = src[i];
      if (q !== '"' && q !== "'") fail('quote expected');
      const end = src.indexOf(q, i + 1);
      if (end < 0) fail('unterminated attribute');
      const raw = src.slice(i + 1, end);
      if (raw.includes('<')) fail('< in attribute');
      node.attrs[key] = decode(raw);
      i = end + 1;
    }
    for (;;) {
      if (i >= src.length) fail(`unclosed <${node.name}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        if (name() !== node.name) fail(`mismatched </…> for <${node.name}>`);
        ws();
        if (src[i] !== '>') fail('> expected');
        i++;
        return node;
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (src[i] === '<') node.children.push(element());
      else {
        const end = src.indexOf('<', i);
        node.text += decode(src.slice(i, end < 0 ? src.length : end));
        i = end < 0 ? src.length : end;
      }
    }
  };
  ws();
  if (src.startsWith('<?xml', i)) i = src.indexOf('?>', i) + 2;
  ws();
  const root = element();
  ws();
  if (i !== src.length) fail('content after the root element');
  return root;
}

const all = (n: XmlNode): XmlNode[] => [n, ...n.children.flatMap(all)];
const byClass = (root: XmlNode, cls: string) => all(root).filter((n) => (n.attrs.class ?? '').split(' ').includes(cls));
const texts = (root: XmlNode) => all(root).filter((n) => n.name === 'text').map((n) => n.text);
const points = (polyline: XmlNode) => polyline.attrs.points.split(' ').map((p) => p.split(',').map(Number));
const ALLOWED = new Set(['svg', 'title', 'rect', 'g', 'line', 'text', 'polyline', 'circle']);

function runFrom(name: string, variant = name.replace(/\.\w+$/, '')): Run {
  const log = parseLog(readFileSync(join(__dirname, 'fixtures/report', name), 'utf8'), name);
  if (!log.ok) throw new Error(JSON.stringify(log.error));
  const run = computeRun(log.value, { file: name, variant, threshold: 0.01 });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  return run.value;
}

/** Well-formed, self-contained, sized, on white. */
function checkDocument(svg: string): XmlNode {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  const [w, h] = [Number(root.attrs.width), Number(root.attrs.height)];
  expect(w).toBeGreaterThan(0);
  expect(h).toBeGreaterThan(0);
  expect(root.attrs.viewBox).toBe(`0 0 ${w} ${h}`);
  expect(root.attrs['font-family']).toMatch(/sans-serif$/);
  expect(root.children[0].name).toBe('title');
  expect(root.children[1]).toMatchObject({ name: 'rect', attrs: { width: String(w), height: String(h), fill: '#ffffff' } });
  for (const n of all(root)) expect(ALLOWED).toContain(n.name);
  for (const n of all(root)) for (const [k, v] of Object.entries(n.attrs)) expect(`${k}=${v}`).not.toMatch(/href|url\(|javascript/i);
  return root;
}

it('the XML reader used here rejects what is not well-formed', () => {
  for (const bad of ['<a><b></a>', '<a x="1" x="2"/>', '<a>&</a>', '<a x=1/>', '<a/><b/>', '<a>', '<a x="<"/>']) {
    expect(() => parseXml(bad)).toThrow();
  }
  expect(parseXml('<?xml version="1.0"?><a x="&amp;">t&lt;<b/></a>')).toEqual({
    name: 'a', attrs: { x: '&' }, text: 't<', children: [{ name: 'b', attrs: {}, children: [], text: '' }],
  });
});

describe('run chart', () => {
  const run = runFrom('humanized.json');
  const root = checkDocument(runChart(run));
  const [w, h] = [Number(root.attrs.width), Number(root.attrs.height)];

  it('has the three series, one point per round, inside the picture', () => {
    const lines = all(root).filter((n) => n.name === 'polyline');
    expect(lines.map((l) => l.attrs.class)).toEqual(['series delivered', 'series throughput', 'series loss']);
    for (const l of lines) {
      expect(points(l)).toHaveLength(4);
      for (const [x, y] of points(l)) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(w);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(h);
      }
    }
    // 10, 20, 40, 80 EPS: each higher on the picture (smaller y) than the one before.
    const ys = points(byClass(root, 'throughput')[0]).map(([, y]) => y);
    expect(ys).toEqual([...ys].sort((a, b) => b - a));
    // Loss 0, 1 %, 0, 25 %: the loss line rises at rounds 2 and 4 only.
    const loss = points(byClass(root, 'loss')[0]).map(([, y]) => y);
    // Delivered = throughput × (1 − loss): equal where nothing was lost.
    const delivered = points(byClass(root, 'delivered')[0]).map(([, y]) => y);
    expect([delivered[0], delivered[2]]).toEqual([ys[0], ys[2]]);
    expect(delivered[3]).toBeGreaterThan(ys[3]);
    expect(loss[0]).toBe(loss[2]);
    expect(loss[3]).toBeLessThan(loss[1]);
    expect(loss[1]).toBeLessThan(loss[0]);
  });

  it('marks the knee on the throughput line, and the threshold', () => {
    const [knee] = byClass(root, 'knee');
    const circle = knee.children.find((n) => n.name === 'circle')!;
    const [x2, y2] = points(byClass(root, 'throughput')[0])[1];
    expect([Number(circle.attrs.cx), Number(circle.attrs.cy)]).toEqual([x2, y2]);
    expect(texts(knee)).toEqual(['knee: round 2, 20.0 EPS, 99.00 % success']);
    expect(texts(byClass(root, 'threshold')[0])).toEqual(['loss threshold 1 %']);
  });

  it('draws the threshold apart from the data: its own colour, width and dash pattern', () => {
    const [threshold] = byClass(root, 'threshold')[0].children.filter((n) => n.name === 'line');
    const series = all(root).filter((n) => n.name === 'polyline');
    for (const l of series) {
      expect(l.attrs.stroke).not.toBe(threshold.attrs.stroke);
      expect(l.attrs['stroke-dasharray']).not.toBe(threshold.attrs['stroke-dasharray']);
    }
    expect(Number(threshold.attrs['stroke-width'])).toBeLessThan(Number(series[0].attrs['stroke-width']));
  });

  it('labels its axes, legend and ticks', () => {
    const t = texts(root);
    expect(t).toEqual(expect.arrayContaining(['round', 'events per second (log scale)', 'loss', '10', '100', '0 %', '100 %', '1', '4']));
    expect(texts(byClass(root, 'legend')[0])).toEqual(['throughput (EPS)', 'delivered (EPS)', 'loss (right axis)', 'threshold 1 %']);
    expect(root.children[0].text).toBe('humanized: EPS and loss per round');
  });

  it('says so when no round reaches the threshold', () => {
    const clean = checkDocument(runChart({ ...run, knee: null }));
    expect(byClass(clean, 'knee')).toHaveLength(0);
    expect(texts(byClass(clean, 'no-knee')[0])).toEqual(['no round reached the loss threshold (1 %)']);
  });

  it('escapes text', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    const odd = checkDocument(runChart({ ...run, variant: `a<b & "c" 'd'` }));
    expect(odd.children[0].text).toBe(`a<b & "c" 'd': EPS and loss per round`);
  });

  it('a single round and a not-finished run still make valid pictures', () => {
    const one = checkDocument(runChart({ ...run, perRound: run.perRound.slice(0, 1), rounds: 1 }));
    expect(points(byClass(one, 'throughput')[0])).toHaveLength(1);
    expect(texts(checkDocument(runChart(notFinishedRun('x', 'ns/p', 'Running', 0.01))))).toContain('not finished');
  });
});

describe('comparison chart', () => {
  const lossy: Run = { ...runFrom('plain.json', 'lossy'), maxSustainedEps: null };
  const runs = [runFrom('humanized.json'), runFrom('plain.json'), lossy, notFinishedRun('later', 'ns/p', 'Pending', 0.01)];
  const root = checkDocument(comparisonChart(runs, 0.01));

  it('has one group per variant with its bars', () => {
    const groups = byClass(root, 'run');
    expect(groups.map((g) => texts(g)[0])).toEqual(['humanized', 'plain', 'lossy', 'later']);
    expect(byClass(root, 'sustained').map((b) => b.name)).toEqual(['rect', 'rect']);
    expect(byClass(root, 'peak')).toHaveLength(3);
    expect(texts(groups[2])).toContain('none');
    expect(texts(groups[3])).toContain('not finished');
    expect(texts(byClass(root, 'legend')[0])).toEqual(['capacity (matches/s)', 'max sustained (loss < 1 %)', 'peak delivered']);
    // Logs without samples: capacity not available, never a zero bar.
    expect(byClass(root, 'capacity')).toHaveLength(0);
    expect(texts(groups[0])).toContain('n/a');
  });

  it('shows the capacity as the first bar with its spread, when measured', () => {
    const sim = simulatedRun();
    const chart = checkDocument(comparisonChart([sim], 0.01));
    const [bar] = byClass(chart, 'capacity');
    const [sustained] = byClass(chart, 'sustained');
    expect(Number(bar.attrs.x)).toBeLessThan(Number(sustained.attrs.x));
    expect(texts(byClass(chart, 'run')[0])).toContain(String(Math.round(sim.capacity!.eps)));
    expect(byClass(chart, 'spread')).toHaveLength(1);
  });

  it('is wide enough for its title and legend with one variant', () => {
    const one = checkDocument(comparisonChart([runFrom('humanized.json')], 0.01));
    const width = Number(one.attrs.width);
    const title = one.children.find((n) => n.name === 'text')!;
    expect(Number(title.attrs.x) + title.text.length * 15 * 0.55).toBeLessThan(width);
    const legendTexts = byClass(one, 'legend')[0].children.filter((n) => n.name === 'text');
    const last = legendTexts[legendTexts.length - 1];
    expect(Number(last.attrs.x) + last.text.length * 12 * 0.55).toBeLessThan(width);
  });

  it('draws bars to scale and labels them', () => {
    // humanized: sustained 40, peak 60; plain: sustained 20, peak 40.
    const heights = [...byClass(root, 'sustained'), ...byClass(root, 'peak')].map((b) => Number(b.attrs.height));
    const [s1, s2, p1, p2] = heights;
    expect(s1 / s2).toBeCloseTo(2, 1);
    expect(p1 / s1).toBeCloseTo(1.5, 1);
    expect(p2).toBeCloseTo(s1, 0);
    expect(texts(byClass(root, 'run')[0])).toEqual(['humanized', 'n/a', '40', '60']);
  });

  it('formats axis values briefly', () => {
    expect([fmtSi(10), fmtSi(2500), fmtSi(100000), fmtSi(1.5e6), fmtSi(0.2)]).toEqual(['10', '2.5k', '100k', '1.5M', '0.2']);
  });
});

/** A run with samples: the report of a simulated one. */
function simulatedRun(params: Partial<SimParams> = { initialSleep: 0.001, rounds: 10, step: 0.002, capacity: 5000, missEvery: 100 }): Run {
  const log = parseLog(simulate(params).log, 'sim');
  if (!log.ok) throw new Error(log.error.message);
  const run = computeRun(log.value, { file: 'sim', variant: 'sim', threshold: 0.01 });
  if (!run.ok) throw new Error(run.error.message);
  return run.value;
}

/** Per bar (by x): the height above the axis minus the height below it, and the rectangles below it. */
function stacks(root: XmlNode) {
  const byX = new Map<string, { net: number; below: XmlNode[] }>();
  for (const p of byClass(root, 'part')) {
    const bar = byX.get(p.attrs.x) ?? { net: 0, below: [] };
    const negative = p.attrs.class.split(' ').includes('negative');
    bar.net += (negative ? -1 : 1) * Number(p.attrs.height);
    if (negative) bar.below.push(p);
    byX.set(p.attrs.x, bar);
  }
  return [...byX.values()];
}

describe('attribution chart', () => {
  const run = simulatedRun();
  const root = checkDocument(attributionChart(run));

  it("stacks each round's parts to 100 % of its events, and marks backlogged rounds", () => {
    expect(root.children[0].text).toBe("sim: where each round's events went");
    const bars = stacks(root);
    expect(bars).toHaveLength(run.perRound.length);
    for (const b of bars) expect(b.net).toBeCloseTo(bars[0].net, 0);
    expect(byClass(root, 'kernel').length).toBeGreaterThan(0);
    expect(byClass(root, 'ruleMiss').length).toBeGreaterThan(0);
    expect(byClass(root, 'backlogged')).toHaveLength(run.perRound.filter((r) => r.attribution!.backlogged).length);
  });

  it('draws negative parts (work of an earlier round landing in this one) below the axis, so each stack still adds up', () => {
    const late = simulatedRun(SCENARIOS.find((x) => x.name === 'deep-buffer')!.params);
    expect(late.perRound.some((r) => Object.values(r.attribution!.loss).some((v) => v < 0))).toBe(true);
    const chart = checkDocument(attributionChart(late));
    const bars = stacks(chart);
    expect(bars.some((b) => b.below.length > 0)).toBe(true);
    for (const b of bars) expect(b.net).toBeCloseTo(bars[0].net, 0);
    // The axis (0 %) is where every negative part starts.
    const axis = byClass(chart, 'grid')[0].children.find((c) => c.name === 'text' && c.text === '0 %')!;
    const zero = Number(axis.attrs.y) - 4;
    for (const b of bars) for (const r of b.below) expect(Number(r.attrs.y)).toBeCloseTo(zero, 3);
  });

  it('says so for a run without samples', () => {
    expect(texts(checkDocument(attributionChart(runFrom('humanized.json'))))).toContain('no attributed round');
  });
});
