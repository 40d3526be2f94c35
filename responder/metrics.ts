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

export class Metrics {
  readonly alerts = new Counter('responder_alerts_total', 'Alerts received, by rule and outcome.', true);
  readonly commits = new Counter('responder_commits_total', 'Response commits pushed (or made, with --dry-run none).');
  readonly deduplicated = new Counter('responder_deduplicated_alerts_total', 'Alerts that needed no commit of their own: already contained, or coalesced with an identical pending response.');
  readonly pushRetries = new Counter('responder_push_retries_total', 'Pushes retried after the remote moved or the push failed.');
  readonly pushFailures = new Counter('responder_push_failures_total', 'Responses given up after the last push attempt.');
  readonly receiver = new Counter('responder_receiver_notifications_total', 'Flux Receiver notifications, by result.', true);
  readonly latency = new Histogram('responder_alert_to_push_seconds', 'Seconds from receiving an alert to its response being pushed.', [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30]);

  render(): string {
    return [this.alerts, this.commits, this.deduplicated, this.pushRetries, this.pushFailures, this.receiver, this.latency].flatMap((m) => m.render()).join('\n') + '\n';
  }
}
