/** The program's entry: `npm run respond` and the bundle run this (`serve` or `respond`, then options). */
import { runMain } from '../cli/command';
import { main } from './main';

runMain('responder', main);
