/**
 * Parses an event-generator `bench` log into complete rounds. Three encodings of the same records are read:
 * the padded text form of a terminal (`INFO round #1    sleep=100ms`, what `kubectl logs` showed upstream),
 * logrus' logfmt form (`level=info msg="round #1" sleep=100ms`) and `--logformat json` (one object a line).
 * Values may be humanized (`"10.0 EPS"`, `"1.8%"`, `"131 MB"`) or plain numbers.
 *
 * What is an error and what is a warning: a run cut by a timeout may stop anywhere, so a final round without
 * its `statistics` line, and a malformed *last* line, are expected: warnings, and that round is left out. A
 * malformed line with more lines after it means the file is damaged: an error naming the line.
 *
 * A variant's log may hold several runs (`benchmark.repeat`), each after its run marker (BENCH_RUN_MESSAGE):
 * `parseRuns` returns one parsed run per marker; lines before the first marker, and a log without any, are run 1.
 */
import { formatGoDuration, parseGoDuration } from '../config/duration';
import { BENCH_RUN_MESSAGE, BENCH_SAMPLE_MESSAGE } from '../contract/naming';
import { ActionResult, LogFormat, ParsedLog, Result, Round, Sample, SampleAt, fail, ok } from './types';

type Value = string | number | boolean | null;
interface LogRecord {
  level: string;
  msg: string;
  fields: Record<string, Value>;
}

const LEVEL = /^(INFO|WARN|WARNING|ERRO|ERROR|DEBU|DEBUG|TRAC|TRACE|FATA|FATAL|PANI|PANIC)(\[[^\]]*\])?(?=\s|$)/;
// Terminal logs may carry colour codes around the level; `kubectl logs --timestamps` puts an RFC 3339 time first.
const ANSI = /\x1b\[[0-9;]*m/g;
const KUBECTL_TIME = /^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)(\s|$)/;
const clean = (line: string) => line.replace(ANSI, '').replace(KUBECTL_TIME, '').trim();

/** Which encoding a file uses, from its first non-blank line; null when it is none of them. */
export function detectFormat(firstLine: string): LogFormat | null {
  const line = clean(firstLine);
  if (line.startsWith('{')) return 'json';
  if (/^(time|level)=/.test(line)) return 'logfmt';
  if (LEVEL.test(line)) return 'text';
  return null;
}

/** `key=value key="quoted value"` pairs; an error string for a bare word or an unterminated quote. */
export function parseLogfmt(text: string): Record<string, Value> | string {
  const fields: Record<string, Value> = {};
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const key = /^[^\s=]*/.exec(text.slice(i))![0];
    if (key === '') return 'a value without a key';
    i += key.length;
    if (text[i] !== '=') return `"${key}" has no value`;
    i++;
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) {
          j++;
          value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[text[j]] ?? text[j];
        } else value += text[j];
      }
      if (j >= text.length) return `unterminated quoted value of ${key}`;
      fields[key] = value;
      i = j + 1;
    } else {
      const value = /^\S*/.exec(text.slice(i))![0];
      fields[key] = value;
      i += value.length;
    }
  }
  return fields;
}

/** One line as a record, null for a blank line, or an error string. */
function parseLine(raw: string, format: LogFormat): LogRecord | null | string {
  const line = clean(raw);
  if (line === '') return null;
  if (format === 'json') {
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      return 'not a JSON object';
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return 'not a JSON object';
    const { msg, level, ...rest } = obj as Record<string, unknown>;
    if (typeof msg !== 'string') return 'JSON record without a "msg" string';
    const fields: Record<string, Value> = {};
    for (const [k, v] of Object.entries(rest)) fields[k] = typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as Value);
    return { level: String(level ?? ''), msg: msg.trim(), fields };
  }
  if (format === 'logfmt') {
    const fields = parseLogfmt(line);
    if (typeof fields === 'string') return fields;
    if (!('msg' in fields)) return 'logfmt record without msg=';
    const { msg, level, ...rest } = fields;
    return { level: String(level ?? ''), msg: String(msg).trim(), fields: rest };
  }
  const level = LEVEL.exec(line);
  if (!level) return 'not a log line of the text format (expected a level such as INFO first)';
  const rest = line.slice(level[0].length);
  // The message is padded, and has no `=`: fields start at the first ` key=`.
  const start = /(?:^|\s)[A-Za-z_][\w.-]*=/.exec(rest);
  const msg = (start ? rest.slice(0, start.index) : rest).trim();
  // The message is padded with spaces: a word after the padding is a field cut before its `=`.
  if (/\s{2,}\S/.test(msg)) return `"${msg.split(/\s+/).pop()}" has no value`;
  const fields = start ? parseLogfmt(rest.slice(start.index)) : {};
  if (typeof fields === 'string') return fields;
  return { level: level[1], msg, fields };
}

const NUMBER = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
const BYTE_UNITS: Record<string, number> = {
  '': 1, B: 1,
  kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15,
  KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50,
};

/** A plain or humanized number: `10`, `"10.0 EPS"`, `"1.8%"`; `unit` is the suffix allowed after it. */
function numberOf(v: Value | undefined, unit: RegExp): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const m = new RegExp(`^(${NUMBER})\\s*(.*)$`).exec(v.trim());
  if (!m || !(m[2] === '' || unit.test(m[2]))) return null;
  return parseFloat(m[1]);
}
const eps = (v: Value | undefined) => numberOf(v, /^EPS$/i);
const percent = (v: Value | undefined) => numberOf(v, /^%$/);
function bytes(v: Value | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const m = new RegExp(`^(${NUMBER})\\s*([A-Za-z]*)$`).exec(v.trim());
  return m && m[2] in BYTE_UNITS ? parseFloat(m[1]) * BYTE_UNITS[m[2]] : null;
}
function count(v: Value | undefined): number | null {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}
function sleepOf(v: Value | undefined): { sleep: string | null; sleepNs: number | null } | string {
  if (v === undefined || v === null || v === '') return { sleep: null, sleepNs: null };
  // JSON encodes a Go duration as integer nanoseconds; text prints Go's own notation.
  if (typeof v === 'number') return { sleep: formatGoDuration(v), sleepNs: v };
  const ns = parseGoDuration(String(v));
  return ns === null ? `sleep=${JSON.stringify(v)} is not a Go duration` : { sleep: String(v), sleepNs: ns };
}

const SAMPLE_AT: readonly SampleAt[] = ['start', 'round', 'resting', 'statistics', 'tick'];
const counter = (v: Value | undefined): number | null | undefined =>
  v === undefined ? null : typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;

/** A sampler line's fields as a sample, or why it cannot be one. */
function sampleOf(fields: Record<string, Value>, round: number | null, line: number): Sample | string {
  const { at, time, http } = fields;
  if (typeof at !== 'string' || !SAMPLE_AT.includes(at as SampleAt)) return `at=${JSON.stringify(at ?? null)} is not a sample point`;
  if (typeof time !== 'number' || !Number.isFinite(time)) return 'time= is not a number of seconds';
  if (typeof http !== 'number' || !Number.isInteger(http)) return 'http= is not a status code';
  const sample: Sample = { at: at as SampleAt, time, http, evts: null, drops: null, dropsOpen: null, queueDrops: null, matches: {}, round, line };
  if (http !== 200) return sample;
  for (const key of ['evts', 'drops', 'dropsOpen', 'queueDrops'] as const) {
    const value = counter(fields[key]);
    if (value === undefined) return `${key}= is not a counter`;
    sample[key] = value;
  }
  // parseLine keeps nested JSON objects as their JSON text.
  let matches: unknown = {};
  try {
    matches = fields.matches === undefined ? {} : JSON.parse(String(fields.matches));
  } catch {
    return 'matches= is not an object';
  }
  if (typeof matches !== 'object' || matches === null || Array.isArray(matches)) return 'matches= is not an object';
  for (const [rule, value] of Object.entries(matches)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `matches of ${JSON.stringify(rule)} is not a counter`;
    sample.matches[rule] = value;
  }
  return sample;
}

interface OpenRound {
  round: number;
  line: number;
  sleep: string | null;
  sleepNs: number | null;
  actions: ActionResult[];
}

/** A log of one run (no marker, or exactly one run): its rounds and samples. A log of several runs is an error here: read it with `parseRuns`. */
export function parseLog(text: string, file: string): Result<ParsedLog> {
  const runs = parseRuns(text, file);
  if (!runs.ok) return runs;
  if (runs.value.length > 1) return fail(file, `holds ${runs.value.length} runs (${BENCH_RUN_MESSAGE} lines): read it run by run`);
  return ok(runs.value[0]);
}

interface Segment {
  run: number;
  line: number | null;
  rounds: Round[];
  samples: Sample[];
  warnings: string[];
}

/**
 * Parses one variant's log into its runs, in order. `file` only labels errors and warnings. A run that has no
 * complete round (cut before its first statistics) is left out with a warning; none with one is an error.
 */
export function parseRuns(text: string, file: string): Result<ParsedLog[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstIndex = lines.findIndex((l) => clean(l) !== '');
  if (firstIndex < 0) return fail(file, 'empty file');
  const format = detectFormat(lines[firstIndex]);
  if (!format) {
    return fail(file, 'unknown format: not an event-generator bench log (text, logfmt or --logformat json)', firstIndex + 1);
  }
  let lastIndex = lines.length - 1;
  while (clean(lines[lastIndex]) === '') lastIndex--;

  const segments: Segment[] = [];
  let segment: Segment = { run: 1, line: null, rounds: [], samples: [], warnings: [] };
  let rounds = segment.rounds;
  let samples = segment.samples;
  let open: OpenRound | null = null;
  /** The open round of a run that ends here was cut (the run timed out or failed). */
  const closeOpenRound = () => {
    if (open) {
      segment.warnings.push(`final round #${open.round} (line ${open.line}) is incomplete, it has no statistics line (run cut by a timeout?): ignored`);
      open = null;
    }
  };
  let lastError: string | null = null;

  for (let i = firstIndex; i <= lastIndex; i++) {
    const lineNo = i + 1;
    const isLast = i === lastIndex;
    const rec = parseLine(lines[i], format);
    if (rec === null) continue;
    if (typeof rec === 'string') {
      // A cut last line is what a timeout leaves behind; anywhere else the file is damaged.
      if (isLast) {
        segment.warnings.push(`last line ${lineNo} is cut off (${rec}): ignored`);
        break;
      }
      return fail(file, `malformed line (cut off or damaged): ${rec}`, lineNo);
    }
    if (/^(ERRO|ERROR|FATA|FATAL|PANI|PANIC)$/i.test(rec.level)) lastError = rec.msg;

    if (rec.msg === BENCH_RUN_MESSAGE) {
      const k = rec.fields.run;
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) return fail(file, `run marker without a whole run number >= 1 (run=${JSON.stringify(k ?? null)})`, lineNo);
      // The first marker opens run 1, to which the lines before it already belong.
      if (k === segment.run && segment.line === null && segment.rounds.length === 0) {
        segment.line = lineNo;
        continue;
      }
      if (k <= segment.run) return fail(file, `run marker ${k} after run ${segment.run}: runs must come in increasing order`, lineNo);
      closeOpenRound();
      segments.push(segment);
      segment = { run: k, line: lineNo, rounds: [], samples: [], warnings: [] };
      rounds = segment.rounds;
      samples = segment.samples;
      continue;
    }
    if (rec.msg === BENCH_SAMPLE_MESSAGE) {
      const last = rounds[rounds.length - 1];
      const round = open ? open.round : rec.fields.at === 'statistics' && last ? last.round : null;
      const sample = sampleOf(rec.fields, round, lineNo);
      // A bad sample costs the attribution of its round at most, never the run: a warning.
      if (typeof sample === 'string') segment.warnings.push(`sample on line ${lineNo} ignored: ${sample}`);
      else samples.push(sample);
      continue;
    }
    const header = /^round #(\d+)$/.exec(rec.msg);
    if (header) {
      if (open) return fail(file, `round #${header[1]} starts before round #${open.round} (line ${open.line}) has its statistics line`, lineNo);
      const n = Number(header[1]);
      const previous = rounds[rounds.length - 1];
      if (previous && n <= previous.round) return fail(file, `round #${n} after round #${previous.round}: more than one run in this file?`, lineNo);
      const sleep = sleepOf(rec.fields.sleep);
      if (typeof sleep === 'string') return fail(file, sleep, lineNo);
      open = { round: n, line: lineNo, ...sleep, actions: [] };
    } else if (rec.msg === 'statistics') {
      if (!open) return fail(file, 'statistics line outside a round', lineNo);
      const throughput = eps(rec.fields.throughput);
      if (throughput === null) {
        if (isLast) {
          segment.warnings.push(`last line ${lineNo} is cut off (statistics without throughput=): ignored`);
          break;
        }
        return fail(file, `statistics line without a readable throughput= (got ${JSON.stringify(rec.fields.throughput ?? null)})`, lineNo);
      }
      if (open.actions.length === 0) return fail(file, `round #${open.round} has no action results`, lineNo);
      rounds.push({
        round: open.round,
        sleep: open.sleep,
        sleepNs: open.sleepNs,
        actions: open.actions,
        throughput,
        cpu: percent(rec.fields.cpu),
        resMem: bytes(rec.fields.res_mem),
        virtMem: bytes(rec.fields.virt_mem),
      });
      open = null;
    } else if ('actual' in rec.fields || 'expected' in rec.fields) {
      if (!open) return fail(file, `result of ${rec.msg || '(unnamed action)'} outside a round`, lineNo);
      const actual = count(rec.fields.actual);
      const expected = count(rec.fields.expected);
      if (actual === null || expected === null || rec.msg === '') {
        return fail(file, 'action line needs a name and whole numbers actual= and expected=', lineNo);
      }
      if (open.actions.some((a) => a.name === rec.msg)) return fail(file, `${rec.msg} appears twice in round #${open.round}`, lineNo);
      open.actions.push({ name: rec.msg, actual, expected });
    }
    // Anything else (`resting...`, blank messages, start-up lines) carries no measurement.
  }

  closeOpenRound();
  segments.push(segment);
  const complete = segments.filter((g) => g.rounds.length > 0);
  if (complete.length === 0) {
    return fail(file, `no complete rounds${lastError ? ` (last error logged: ${lastError})` : ''}`);
  }
  // A run without rounds is named on the first run reported.
  const empty = segments.filter((g) => g.rounds.length === 0 && g.line !== null).map((g) => g.run);
  return ok(
    complete.map((g, i) => ({
      format,
      run: g.run,
      rounds: g.rounds,
      samples: g.samples,
      warnings: [
        ...(i === 0 && empty.length > 0 ? [`run${empty.length > 1 ? 's' : ''} ${empty.join(', ')} of this log ha${empty.length > 1 ? 've' : 's'} no complete round: left out`] : []),
        ...g.warnings,
      ],
    })),
  );
}
