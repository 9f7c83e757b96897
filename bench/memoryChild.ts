/** Loads a large event through the command handler and reports its memory, alone in its process. */
import { localTimeIn } from '../src/io/clock/localTime.js';
import { createBot } from '../src/bot.js';
import { createLogger } from '../src/io/observe/log.js';

const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => {
  gc?.();
  return process.memoryUsage();
};
const before = settle();
const clock = () => localTimeIn(new Date('2026-11-23T09:30:00Z'), 'UTC');
const tracks = Array.from({ length: 500 }, (_, i) => `track-${i}`);
const { runtime, handler } = await createBot({
  initialData: { tracks },
  initialTime: clock(),
  clock,
  log: createLogger({ pretty: false, level: 'silent' }),
  heartbeatMs: 0,
});
for (let i = 0; i < 500; i++) {
  await handler.handle({
    text: `#track-${i} now topic ${i}`,
    nick: 'olivia',
    op: true,
    isPrivate: false,
  });
}
// At the default caps: 5,000 check-ins and 2,000 subscriptions. The longest single command
// is the one whose save writes a whole snapshot (every 2,000 journal lines).
let longestMs = 0;
const timed = async (text: string, nick: string) => {
  const t0 = performance.now();
  await handler.handle({ text, nick, isPrivate: true });
  longestMs = Math.max(longestMs, performance.now() - t0);
};
for (let i = 0; i < 5_000; i++) await timed(`in #track-${i % 500}`, `attendee${i}`);
for (let i = 0; i < 2_000; i++) await timed(`subscribe track-${i % 500}\\b`, `attendee${i}`);
// One more change at the caps: a check-in that pushes the oldest out, saved and shown.
const c0 = performance.now();
for (let i = 0; i < 100; i++) {
  await handler.handle({ text: 'in the bar', nick: `late${i}`, isPrivate: true });
}
const changeAtCapsMs = (performance.now() - c0) / 100;
const after = settle();
const state = runtime.state();
process.send?.({
  type: 'ready',
  rss: after.rss,
  heapUsed: after.heapUsed,
  baseRss: before.rss,
  checkins: Object.keys(state.checkins).length,
  subscribers: state.subscriberCount,
  tracks: state.tracks.length,
  changeAtCapsMs,
  longestMs,
});
