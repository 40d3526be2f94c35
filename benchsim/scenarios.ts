/**
 * The simulated parameter sets that the test suite checks the report against and the README tabulates: each
 * one stresses another part of the path (kernel, output queue, HTTP, failed actions, other events in the buffer). Runs start at a 1 ms
 * sleep so that the ~1 ms plateau and its escape come within 14 rounds (quick to simulate).
 */
import { SimParams } from './sim';

export interface Scenario {
  name: string;
  about: string;
  params: Partial<SimParams>;
}

const QUICK: Partial<SimParams> = { initialSleep: 0.001, rounds: 14, step: 0.002 };

export const SCENARIOS: Scenario[] = [
  { name: 'kernel-bound', about: 'Falco slower than the generator past the plateau; fast HTTP', params: { ...QUICK, capacity: 5000, buffer: 20_000 } },
  { name: 'below-plateau', about: 'Falco slower than the ~1 ms plateau itself', params: { ...QUICK, capacity: 700, buffer: 2000 } },
  { name: 'queue-bound', about: 'HTTP slower than Falco: the bounded output queue drops', params: { ...QUICK, capacity: 8000, buffer: 20_000, httpRate: 3000, queue: 5000 } },
  { name: 'late-alerts', about: 'slow HTTP and a queue that outlasts the rest: alerts arrive a round late', params: { ...QUICK, capacity: 6000, buffer: 20_000, httpRate: 2000, queue: 12_000 } },
  { name: 'deep-buffer', about: 'a ring buffer larger than C × round duration (as the real 8 MB one): the backlog outlasts the rest', params: { ...QUICK, capacity: 3000, buffer: 40_000 } },
  {
    name: 'overflow-with-closes',
    about: 'a deep ring buffer that overflows while a backlog crosses the rest, closes and background syscalls dropped with the opens',
    params: { ...QUICK, capacity: 3000, buffer: 60_000, closeEvents: true, background: 1000 },
  },
  { name: 'misses-and-http-loss', about: 'every 50th action fails, every 200th delivery fails', params: { ...QUICK, capacity: 12_000, buffer: 50_000, missEvery: 50, httpLossEvery: 200 } },
];
