/**
 * A bot without IRC: applies `#swift next N` lines from stdin, as fast as they come, and
 * prints `ACK N` when the reply to N is released. The crash test kills it at random.
 */
import { createInterface } from 'node:readline';
import { createBot } from '../../src/bot.js';
import { localTimeIn } from '../../src/io/clock/localTime.js';
import { createLogger } from '../../src/io/observe/log.js';
import { SnapshotStore } from '../../src/io/persistence/snapshotStore.js';

const statePath = process.argv[2] as string;
const clock = () => localTimeIn(new Date('2026-11-23T09:30:00+01:00'), 'Europe/Berlin');
const { handler } = await createBot({
  store: new SnapshotStore(statePath),
  // Every acknowledged item is kept: no cap on the queue of next topics here.
  input: { limits: { nextPerTrack: 1_000_000 } },
  initialData: { tracks: ['swift'] },
  initialTime: clock(),
  clock,
  log: createLogger({ pretty: false, level: 'silent' }),
});
process.stdout.write('READY\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const n = line.trim();
  handler
    .handle({ text: `#swift next ${n}`, nick: 'olivia', op: true, isPrivate: false })
    .then(() => process.stdout.write(`ACK ${n}\n`));
});
