/**
 * Go `time.Duration` text <-> nanoseconds: the configuration's durations (event-generator flags, Flux intervals)
 * and the bench log's `sleep=` field (text logs print it, JSON may give nanoseconds).
 */

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5, what Go prints
  'μs': 1e3, // U+03BC, also accepted by Go
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Nanoseconds of a Go duration such as `1.5625ms`, `781.25µs`, `1m30s`, `0s`; null when it is not one. */
export function parseGoDuration(text: string): number | null {
  const m = /^([+-]?)(.+)$/.exec(text.trim());
  if (!m) return null;
  if (m[2] === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  for (let p = part.exec(m[2]); p; p = part.exec(m[2])) {
    total += parseFloat(p[1]) * UNIT_NS[p[2]];
    at = part.lastIndex;
  }
  if (at === 0 || at !== m[2].length) return null;
  return (m[1] === '-' ? -1 : 1) * Math.round(total);
}

/** Go's own formatting (`Duration.String`), so that a JSON log's nanoseconds read like a text log's field. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const u = Math.abs(Math.round(ns));
  const frac = (v: number, digits: number) => {
    const whole = Math.floor(v / 10 ** digits);
    const rest = String(v % 10 ** digits).padStart(digits, '0').replace(/0+$/, '');
    return rest ? `${whole}.${rest}` : `${whole}`;
  };
  if (u < 1e3) return `${sign}${u}ns`;
  if (u < 1e6) return `${sign}${frac(u, 3)}µs`;
  if (u < 1e9) return `${sign}${frac(u, 6)}ms`;
  const seconds = frac(u % 60e9, 9);
  const minutes = Math.floor(u / 60e9);
  const hours = Math.floor(minutes / 60);
  if (minutes === 0) return `${sign}${seconds}s`;
  if (hours === 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${hours}h${minutes % 60}m${seconds}s`;
}

/** Seconds of a Go duration that validation has accepted (throws on anything else: a programming error). */
export function goDurationSeconds(text: string): number {
  const ns = parseGoDuration(text);
  if (ns === null) throw new Error(`not a Go duration: ${JSON.stringify(text)}`);
  return ns / 1e9;
}
