/** The responder's Prometheus metrics, kept in memory and written in the text exposition format. */

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Record<string, string>) => {
  const e = Object.entries(labels);
  return e.length === 0 ? '' : `{${e.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
};

class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    /** Labelled counters have no series until the first increment. */
    readonly labelled = false,
  ) {}
  inc(labels: Record<string, string> = {}, by = 1): void {
    const k = labelText(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels: Record<string, string> = {}): number {
    return this.values.get(labelText(labels)) ?? 0;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0 && !this.labelled) lines.push(`${this.name} 0`);
    for (const [k, v] of this.values) lines.push(`${this.name}${k} ${v}`);
    return lines;
  }
}

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[],
  ) {
    this.counts = buckets.map(() => 0);
  }
  observe(v: number): void {
    this.buckets.forEach((b, i) => {
      if (v <= b) this.counts[i]++;
    });
    this.sum += v;
    this.count++;
  }
  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} histogram`,
      ...this.buckets.map((b, i) => `${this.name}_bucket{le="${b}"} ${this.counts[i]}`),
      `${this.name}_bucket{le="+Inf"} ${this.count}`,
      `${this.name}_sum ${this.sum}`,
      `${this.name}_count ${this.count}`,
    ];
  }
}

/** How many distinct rule names get their own label value. */
export const MAX_RULES = 100;

export class Metrics {
  readonly alerts = new Counter('responder_alerts_total', 'Alerts received, by rule and outcome.', true);
  readonly commits = new Counter('responder_commits_total', 'Response commits pushed (or made, with --dry-run none).');
  readonly deduplicated = new Counter('responder_deduplicated_alerts_total', 'Alerts that needed no commit of their own: already contained, or coalesced with an identical pending response.');
  readonly pushRetries = new Counter('responder_push_retries_total', 'Pushes retried after the remote moved or the push failed.');
  readonly pushFailures = new Counter('responder_push_failures_total', 'Alerts given up: their response was not pushed within the retry time.');
  readonly receiver = new Counter('responder_receiver_notifications_total', 'Flux Receiver notifications, by result.', true);
  readonly latency = new Histogram('responder_alert_to_push_seconds', 'Seconds from receiving an alert to its response being pushed.', [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30]);

  readonly responses = new Counter('responder_http_responses_total', 'Every HTTP answer, by status and outcome (401, 413, 400, 503 busy included).', true);
  readonly late = new Counter('responder_late_responses_total', 'Alerts answered 202 whose response then landed in Git (counted once each).');
  /** The journal's state, read at each scrape. */
  journal: () => { depth: number; age: number; bytes: number } = () => ({ depth: 0, age: 0, bytes: 0 });
  /** Rule names seen as label values: the first MAX_RULES, the rest are "other" (the label stays bounded). */
  private readonly rules = new Set<string>();

  ruleLabel(rule: string): string {
    if (this.rules.has(rule)) return rule;
    if (this.rules.size >= MAX_RULES || rule.length > 200) return 'other';
    this.rules.add(rule);
    return rule;
  }

  render(): string {
    const j = this.journal();
    const gauge = (name: string, help: string, v: number) => [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${v}`];
    return (
      [
        ...[this.alerts, this.commits, this.deduplicated, this.pushRetries, this.pushFailures, this.receiver, this.responses, this.late, this.latency].flatMap((m) => m.render()),
        ...gauge('responder_journal_depth', 'Accepted alerts not yet decided (kept in the journal).', j.depth),
        ...gauge('responder_journal_oldest_seconds', 'Age of the oldest alert in the journal.', j.age),
        ...gauge('responder_journal_bytes', 'Bytes of the journal entries still live.', j.bytes),
      ].join('\n') + '\n'
    );
  }
}
