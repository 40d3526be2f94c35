import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatGoDuration, parseGoDuration } from '../config/duration';
import { detectFormat, parseLog, parseLogfmt } from '../report/parse';
import { ParsedLog, Result } from '../report/types';
import { fileSafe, uniqueNames, variantFromFileName } from '../report/variant';

const FIXTURES = join(__dirname, 'fixtures/report');
const fixture = (name: string) => parseLog(readFileSync(join(FIXTURES, name), 'utf8'), name);

function parsed(r: Result<ParsedLog>): ParsedLog {
  if (!r.ok) throw new Error(`unexpected error: ${JSON.stringify(r.error)}`);
  return r.value;
}
function failure(r: Result<ParsedLog>) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

/** A text-format log as the bench prints it to a terminal (message padded, fields after it). */
const pad = (msg: string) => msg.padEnd(44);
const text = (...lines: string[]) => lines.join('\n');
const header = (n: number, sleep = '100ms') => `INFO ${pad(`round #${n}`)} sleep=${sleep}`;
const action = (name: string, actual: number, expected: number) => `INFO ${pad(name)} actual=${actual} expected=${expected} ratio=1`;
const stats = (throughput = '10.0 EPS') => `INFO ${pad('statistics')} cpu="1.8%" lost="0%" res_mem="131 MB" throughput="${throughput}" virt_mem="1.3 GB"`;
const A = 'syscall.ReadSensitiveFileUntrusted';
const oneRound = (n = 1) => [header(n), `INFO ${pad('resting...')}`, action(A, 50, 50), stats(), 'INFO '];

describe('Go durations', () => {
  it.each([
    ['100ms', 100e6],
    ['12.5ms', 12.5e6],
    ['781.25µs', 781250],
    ['195.312µs', 195312],
    ['762ns', 762],
    ['0s', 0],
    ['0', 0],
    ['1.5s', 1.5e9],
    ['1m30s', 90e9],
    ['1h0m0s', 3600e9],
    ['97.656μs', 97656], // Greek mu, which Go also accepts
    ['7us', 7000],
  ])('%s = %d ns', (d, ns) => expect(parseGoDuration(d)).toBe(ns));

  it.each(['', 'abc', '10', '5 ms', 'ms', '1.2.3s', '100msx'])('%j is not a duration', (d) => expect(parseGoDuration(d)).toBeNull());

  it.each([
    [781250, '781.25µs'],
    [1562500, '1.5625ms'],
    [100e6, '100ms'],
    [762, '762ns'],
    [0, '0s'],
    [1.5e9, '1.5s'],
    [90e9, '1m30s'],
    [3600e9, '1h0m0s'],
    [-5000, '-5µs'],
  ])('%d ns prints as Go does: %s', (ns, d) => expect(formatGoDuration(ns)).toBe(d));

  it('the sleeps of a --loop run survive a round trip', () => {
    for (let ns = 100e6; ns >= 1; ns = Math.floor(ns / 2)) expect(parseGoDuration(formatGoDuration(ns))).toBe(ns);
  });
});

describe('line formats', () => {
  it('detects text, logfmt and JSON from the first line', () => {
    expect(detectFormat('INFO round #1     sleep=100ms')).toBe('text');
    expect(detectFormat('\x1b[36mINFO\x1b[0m[0000] round #1   sleep=100ms')).toBe('text');
    expect(detectFormat('time="2026-01-01T00:00:00Z" level=info msg="round #1"')).toBe('logfmt');
    expect(detectFormat('{"level":"info","msg":"round #1"}')).toBe('json');
    expect(detectFormat('variant,eps')).toBeNull();
    expect(detectFormat('INFORMATION: hello')).toBeNull();
  });

  it('reads logfmt pairs, quoted values and escapes', () => {
    expect(parseLogfmt('a=1 b="x y" c= d="q\\"uote" e=781.25µs')).toEqual({ a: '1', b: 'x y', c: '', d: 'q"uote', e: '781.25µs' });
    expect(parseLogfmt('actual=12 expe')).toBe('"expe" has no value');
    expect(parseLogfmt('throughput="10.0 E')).toBe('unterminated quoted value of throughput');
    expect(parseLogfmt('a=1 =2')).toBe('a value without a key');
  });
});

describe('variant names', () => {
  it.each([
    ['falco-event-generator-ebpf-no-buffer-no-1cpu-1Gi.txt', 'kmod-nobuffer-1cpu'],
    ['falco-event-generator-ebpf-no-buffer-no-2cpu-1Gi.txt', 'kmod-nobuffer-2cpu'],
    ['falco-event-generator-ebpf-yes-buffer-no-1cpu-1Gi.txt', 'ebpf-nobuffer-1cpu'],
    ['falco-event-generator-ebpf-yes-buffer-yes-2cpu-1Gi.txt', 'ebpf-buffer-2cpu'],
    ['/some/dir/falco-event-generator-ebpf-yes-buffer-no-2cpu-1Gi.txt', 'ebpf-nobuffer-2cpu'],
    ['benchmarks/2026-05-01/logs/kmod1cpu.log', 'kmod1cpu'],
    ['ebpfbuf2cpu.json', 'ebpfbuf2cpu'],
    ['other-name.txt', 'other-name'],
    ['noext', 'noext'],
  ])('%s -> %s', (file, variant) => expect(variantFromFileName(file)).toBe(variant));

  it('are made unique and file-safe', () => {
    expect(uniqueNames(['a', 'b', 'a', 'a-2', 'a'])).toEqual(['a', 'b', 'a-2', 'a-2-2', 'a-3']);
    expect(fileSafe('a/b c')).toBe('a_b_c');
    expect(fileSafe('..x')).toBe('_x');
  });
});

describe('parseLog: formats', () => {
  it('JSON, humanized', () => {
    const log = parsed(fixture('humanized.json'));
    expect(log.format).toBe('json');
    expect(log.warnings).toEqual([]);
    expect(log.rounds.map((r) => [r.round, r.sleep, r.sleepNs, r.throughput, r.cpu])).toEqual([
      [1, '100ms', 100e6, 10, 1.8],
      [2, '50ms', 50e6, 20, 2.6],
      [3, '25ms', 25e6, 40, 1.9],
      [4, '12.5ms', 12.5e6, 80, 3.2],
    ]);
    expect(log.rounds[3].actions).toEqual([
      { name: A, actual: 150, expected: 200 },
      { name: 'syscall.WriteBelowEtc', actual: 150, expected: 200 },
    ]);
    expect(log.rounds[0].resMem).toBe(131e6);
    expect(log.rounds[0].virtMem).toBe(1.3e9);
  });

  it('JSON without --humanize: plain floats, sleep in nanoseconds', () => {
    const log = parsed(fixture('plain.json'));
    expect(log.rounds.map((r) => [r.sleep, r.sleepNs, r.throughput, r.cpu, r.resMem, r.virtMem])).toEqual([
      ['100ms', 100e6, 10, 1.8, 131e6, 1.3e9],
      ['50ms', 50e6, 20, 2.1, 131e6, 1.3e9],
      ['25ms', 25e6, 40, 3.4, 131e6, 1.3e9],
      ['781.25µs', 781250, 80, 9.9, 131e6, 1.3e9],
    ]);
  });

  it('logfmt with plain numbers as Go prints float64 (1.31e+08)', () => {
    const log = parsed(fixture('plain-logfmt.log'));
    expect(log.format).toBe('logfmt');
    expect(log.rounds.map((r) => [r.round, r.sleep, r.throughput, r.cpu, r.resMem])).toEqual([
      [1, '100ms', 10, 1.8, 131e6],
      [2, '50ms', 20, 2.2, 131e6],
      [3, '390.625µs', 40, 3.5, 131e6],
    ]);
  });

  it('text and JSON encodings of the same records give the same rounds', () => {
    const t = parsed(parseLog(text(header(1, '"781.25µs"'), action(A, 9, 10), stats('2.0 EPS')), 't'));
    const json = [
      { level: 'info', msg: 'round #1', sleep: '781.25µs' },
      { level: 'info', msg: A, actual: 9, expected: 10, ratio: 0.9 },
      { level: 'info', msg: 'statistics', cpu: '1.8%', lost: '0%', res_mem: '131 MB', throughput: '2.0 EPS', virt_mem: '1.3 GB' },
    ];
    const j = parsed(parseLog(json.map((o) => JSON.stringify(o)).join('\n'), 'j'));
    expect(j.rounds).toEqual(t.rounds);
  });

  it('text with colour codes and a logrus timestamp after the level', () => {
    const colored = text(
      `\x1b[36mINFO\x1b[0m[0000] ${pad('round #1')} sleep=100ms`,
      `\x1b[36mINFO\x1b[0m[0005] ${pad(A)} actual=5 expected=5 ratio=1`,
      `\x1b[36mINFO\x1b[0m[0005] ${pad('statistics')} throughput=1`,
    );
    expect(parsed(parseLog(colored, 'c')).rounds).toHaveLength(1);
  });

  it('a byte-order mark and `kubectl logs --timestamps` prefixes', () => {
    const stamped = ['\uFEFF', ...oneRound(1), ...oneRound(2)].join('\n').split('\n').map((l, i) => (i === 0 ? l : `2026-05-01T10:00:0${i % 10}.123456789Z ${l}`));
    expect(parsed(parseLog(stamped.join('\n'), 'x')).rounds).toHaveLength(2);
    expect(parsed(parseLog(`\uFEFF${JSON.stringify({ msg: 'round #1' })}\n${JSON.stringify({ msg: A, actual: 1, expected: 1 })}\n{"msg":"statistics","throughput":1}`, 'j')).rounds).toHaveLength(1);
  });

  it('memory in IEC units and CRLF line ends', () => {
    const log = parsed(parseLog([header(1), action(A, 1, 1), `INFO statistics res_mem="1.5 GiB" throughput=1`].join('\r\n'), 'x'));
    expect(log.rounds[0].resMem).toBe(1.5 * 2 ** 30);
    expect(log.rounds[0].cpu).toBeNull();
  });
});

describe('parseLog: cut runs are warnings', () => {
  it('a truncated last line and its incomplete round (fixture)', () => {
    const log = parsed(fixture('truncated-final-round.log'));
    expect(log.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(log.warnings).toEqual([
      'last line 18 is cut off ("expe" has no value): ignored',
      'final round #4 (line 16) is incomplete, it has no statistics line (run cut by a timeout?): ignored',
    ]);
  });

  it('a final round cut at a line boundary', () => {
    const log = parsed(parseLog(text(...oneRound(1), header(2), action(A, 1, 1)), 'x'));
    expect(log.rounds).toHaveLength(1);
    expect(log.warnings).toEqual([expect.stringMatching(/^final round #2 \(line 6\) is incomplete/)]);
  });

  it('a cut statistics line, and a cut JSON record, at the end', () => {
    const cutStats = text(...oneRound(1), header(2), action(A, 1, 1), `INFO ${pad('statistics')} cpu="1.8%" lost="0%" res`);
    expect(parsed(parseLog(cutStats, 'x')).rounds).toHaveLength(1);
    const quoteCut = text(...oneRound(1), header(2), action(A, 1, 1), `INFO ${pad('statistics')} cpu="1.8%" throughput="10.0 E`);
    expect(parsed(parseLog(quoteCut, 'x')).warnings[0]).toMatch(/^last line 8 is cut off \(unterminated quoted value of throughput\)/);
    const noThroughput = text(...oneRound(1), header(2), action(A, 1, 1), `INFO ${pad('statistics')} cpu="1.8%"`);
    expect(parsed(parseLog(noThroughput, 'x')).warnings[0]).toMatch(/^last line 8 is cut off \(statistics without throughput=\)/);
    const json = [JSON.stringify({ msg: 'round #1' }), JSON.stringify({ msg: A, actual: 1, expected: 1 }), JSON.stringify({ msg: 'statistics', throughput: 1 }), '{"msg":"round #2","sl'];
    expect(parsed(parseLog(json.join('\n'), 'j')).warnings).toEqual(['last line 4 is cut off (not a JSON object): ignored']);
  });
});

describe('parseLog: bad input is an error naming the line', () => {
  it.each([
    ['empty.log', undefined, 'empty file'],
    ['no-rounds.log', undefined, 'no complete rounds (last error logged: cannot reach Falco: connection refused)'],
    ['truncated-line.log', 7, 'malformed line (cut off or damaged): "expe" has no value'],
    ['unknown-format.txt', 1, 'unknown format: not an event-generator bench log (text, logfmt or --logformat json)'],
  ])('%s', (name, line, message) => {
    expect(failure(fixture(name))).toEqual({ file: name, ...(line === undefined ? {} : { line }), message });
  });

  const cases: [string, string, number, RegExp][] = [
    ['blank lines only', '\n  \n\n', 0, /^empty file$/],
    ['a word cut before its = in the middle', text(header(1), `INFO ${pad(A)} act`, action(A, 1, 1), stats()), 2, /"act" has no value/],
    ['an unterminated quote in the middle', text(header(1), action(A, 1, 1), `INFO statistics throughput="10`, ...oneRound(2)), 3, /unterminated/],
    ['a damaged JSON line in the middle', [JSON.stringify({ msg: 'round #1' }), '{"msg": "syscall.X", "act', JSON.stringify({ msg: 'statistics', throughput: 1 })].join('\n'), 2, /not a JSON object/],
    ['a JSON line without msg', [JSON.stringify({ msg: 'round #1' }), JSON.stringify({ actual: 1 }), '{}'].join('\n'), 2, /without a "msg"/],
    ['a text line among JSON lines', [JSON.stringify({ msg: 'round #1' }), stats(), '{}'].join('\n'), 2, /not a JSON object/],
    ['an action outside a round', text(action(A, 1, 1), ...oneRound(1)), 1, /outside a round/],
    ['statistics outside a round', text(...oneRound(1), stats()), 6, /statistics line outside a round/],
    ['a round without statistics in the middle', text(header(1), action(A, 1, 1), ...oneRound(2)), 3, /round #2 starts before round #1 \(line 1\)/],
    ['rounds out of order', text(...oneRound(2), ...oneRound(1)), 6, /round #1 after round #2/],
    ['an action twice in a round', text(header(1), action(A, 1, 1), action(A, 1, 1), stats()), 3, /appears twice/],
    ['a round without actions', text(header(1), stats(), ...oneRound(2)), 2, /round #1 has no action results/],
    ['counts that are not whole numbers', text(header(1), `INFO ${A} actual=1.5 expected=2`, stats()), 2, /whole numbers/],
    ['an unreadable throughput in the middle', text(header(1), action(A, 1, 1), `INFO statistics throughput="fast"`, ...oneRound(2)), 3, /throughput=/],
    ['a bad sleep', text(header(1, '100xs'), action(A, 1, 1), stats()), 1, /sleep="100xs" is not a Go duration/],
  ];
  it.each(cases)('%s', (_name, log, line, message) => {
    const e = failure(parseLog(log, 'f.log'));
    expect(e.file).toBe('f.log');
    if (line > 0) expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
  });
});

describe("parseLog: the sampler's lines", () => {
  const sample = (at: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ level: 'info', msg: 'falco-bench: sample', at, time: 1000.5, http: 200, evts: 10, drops: 0, dropsOpen: 0, queueDrops: 0, matches: { 'Rule A': 3 }, ...extra });
  const lines = [
    '{"level":"info","msg":"falco-bench: measuring falco","pid":42}',
    sample('start', { http: 404, evts: undefined, drops: undefined, dropsOpen: undefined, queueDrops: undefined, matches: undefined }),
    '{"level":"info","msg":"round #1","sleep":100000000}',
    sample('round', { matches: {} }),
    sample('tick'),
    '{"level":"info","msg":"resting..."}',
    sample('resting'),
    '{"level":"info","msg":"syscall.A","actual":3,"expected":3,"ratio":1}',
    '{"level":"info","msg":"statistics","throughput":"0.6 EPS","lost":"0%"}',
    sample('statistics'),
    sample('tick', { drops: 'many' }),
  ];

  it('are read as samples of the round they fall in; a bad one is a warning, not an error', () => {
    const log = parsed(parseLog(lines.join('\n'), 'sampled.log'));
    expect(log.rounds).toHaveLength(1);
    expect(log.samples.map((s) => [s.at, s.round, s.http])).toEqual([
      ['start', null, 404],
      ['round', 1, 200],
      ['tick', 1, 200],
      ['resting', 1, 200],
      ['statistics', 1, 200],
    ]);
    // A scrape that did not answer 200 carries no counters; a rule without a counter has not matched yet.
    expect(log.samples[0]).toMatchObject({ evts: null, drops: null, matches: {} });
    expect(log.samples[1]).toMatchObject({ evts: 10, queueDrops: 0, matches: {}, line: 4 });
    expect(log.samples[2].matches).toEqual({ 'Rule A': 3 });
    expect(log.warnings).toEqual(['sample on line 11 ignored: drops= is not a counter']);
  });

  it.each([
    [{ at: 'later' }, /at="later" is not a sample point/],
    [{ time: 'noon' }, /time= is not a number/],
    [{ http: 'ok' }, /http= is not a status code/],
    [{ matches: { r: -1 } }, /matches of "r" is not a counter/],
    [{ matches: [1] }, /matches= is not an object/],
  ])('rejects a sample with %j', (extra, message) => {
    const log = parsed(parseLog([lines[2], sample('round', extra), ...lines.slice(7, 9)].join('\n'), 'x.log'));
    expect(log.samples).toHaveLength(0);
    expect(log.warnings[0]).toMatch(message);
  });
});
