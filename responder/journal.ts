/**
 * The journal: every accepted alert, kept on the responder's volume (fsynced before the alert is answered) until
 * its response is pushed or decided. Append-only JSON lines (`{"a":id,"t":ms,"alert":…}` to add, `{"d":[ids]}` when
 * decided); replayed at start, so a crash or restart loses nothing accepted. Appends are grouped: all the alerts of
 * one moment share one write and one fsync. A torn last line (a crash mid-write) is skipped. Rewritten (to a temp
 * file, fsynced, renamed) when most of it is decided records.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Alert, parseAlert } from './alert';

export interface Entry {
  id: string;
  /** When it was accepted (ms since the epoch). */
  received: number;
  alert: Alert;
}

export class Journal {
  readonly live = new Map<string, Entry>();
  private fh?: FileHandle;
  private queue: { line: string; done?: () => void }[] = [];
  private flushing?: Promise<void>;
  private records = 0;
  /** Bytes of the live entries' lines: what a rewrite keeps, and what the accept cap bounds. */
  liveBytes = 0;
  private readonly sizes = new Map<string, number>();

  private constructor(readonly file: string) {}

  /** Opens (creating) the journal and replays it; `skipped` counts unreadable lines. */
  static async open(file: string): Promise<{ journal: Journal; skipped: number }> {
    const j = new Journal(file);
    mkdirSync(dirname(file), { recursive: true });
    let skipped = 0;
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const r = JSON.parse(line);
          if (Array.isArray(r.d)) for (const id of r.d) j.forget(id);
          else if (typeof r.a === 'string') j.keep({ id: r.a, received: Number(r.t), alert: parseAlert(r.alert) }, Buffer.byteLength(line));
          j.records++;
        } catch {
          skipped++;
        }
      }
    }
    await j.rewrite();
    return { journal: j, skipped };
  }

  private keep(e: Entry, size: number) {
    this.live.set(e.id, e);
    this.sizes.set(e.id, size);
    this.liveBytes += size;
  }
  private forget(id: string) {
    if (!this.live.delete(id)) return;
    this.liveBytes -= this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
  }

  /** Oldest live entry's age in seconds (0 when empty). */
  age(now = Date.now()): number {
    let oldest = now;
    for (const e of this.live.values()) oldest = Math.min(oldest, e.received);
    return (now - oldest) / 1000;
  }

  /** Adds an entry; resolves once it is on disk (fsynced). */
  add(e: Entry): Promise<void> {
    const line = JSON.stringify({ a: e.id, t: e.received, alert: e.alert });
    this.keep(e, Buffer.byteLength(line) + 1);
    return new Promise((done) => this.push(line, done));
  }

  /** Marks entries decided. Not awaited: a lost "decided" record only means a replay, which makes no second commit. */
  decided(ids: string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.forget(id);
    this.push(JSON.stringify({ d: ids }));
  }

  private push(line: string, done?: () => void) {
    this.queue.push({ line, done });
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.fh!.write(`${batch.map((b) => b.line).join('\n')}\n`);
        await this.fh!.datasync();
        this.records += batch.length;
        if (this.records > 10_000 && this.records > 4 * this.live.size) await this.rewrite();
      } catch {
        // Disk full or gone: the entries stay in memory and the writer still handles them; logged by the caller's
        // readiness (the next rewrite or write tries again).
      } finally {
        // A write error (disk full) still answers: the entry stays in memory and is retried by the writer.
        for (const b of batch) b.done?.();
      }
    }
    this.flushing = undefined;
  }

  /** Writes only the live entries to a new file and swaps it in atomically. */
  private async rewrite(): Promise<void> {
    await this.fh?.close();
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    for (const e of this.live.values()) writeSync(fd, `${JSON.stringify({ a: e.id, t: e.received, alert: e.alert })}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.file);
    const dir = openSync(dirname(this.file), 'r');
    fsyncSync(dir);
    closeSync(dir);
    this.records = this.live.size;
    this.fh = await open(this.file, 'a');
  }

  /** Waits for every queued write, then closes. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.fh?.close();
    this.fh = undefined;
  }
}
