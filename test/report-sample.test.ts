/**
 * The committed sample (docs/sample-report/) and the README's sample table are what the report command makes
 * of the original benchmark's logs today: regenerated from ../shared/upstream/benchmarks and compared byte for byte.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../report/cli';

const LOGS = resolve(__dirname, '../../shared/upstream/benchmarks');
const SAMPLE = resolve(__dirname, '../docs/sample-report');
const haveLogs = existsSync(LOGS);
if (!haveLogs) console.warn(`sample report check skipped: ${LOGS} is absent`);

(haveLogs ? describe : describe.skip)('docs/sample-report', () => {
  const committed = readFileSync(join(SAMPLE, 'report.md'), 'utf8');
  // The attribution paragraph under the title is the --note the sample was made with.
  const note = committed.split('\n\n')[1];
  const out = mkdtempSync(join(tmpdir(), 'sample-'));
  let code: number | undefined;

  // In beforeAll, not the describe body: a skipped describe still runs its body.
  beforeAll(async () => {
    const files = readdirSync(LOGS).filter((f) => f.startsWith('falco-event-generator-')).sort().map((f) => join(LOGS, f));
    code = await main(['--out', out, '--note', note, ...files], { stdout: () => undefined, stderr: () => undefined });
  });

  it('regenerates byte for byte (report.md and every chart)', () => {
    expect(code).toBe(0);
    const charts = readdirSync(SAMPLE).filter((f) => f.endsWith('.svg')).sort();
    expect(charts).toHaveLength(7);
    expect(readdirSync(out).filter((f) => f.endsWith('.svg')).sort()).toEqual(charts);
    for (const name of ['report.md', ...charts]) {
      expect([name, readFileSync(join(out, name), 'utf8') === readFileSync(join(SAMPLE, name), 'utf8')]).toEqual([name, true]);
    }
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
    const rows = committed.split('\n').filter((l) => l.startsWith('| '));
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(readme).toContain(row);
  });
});
