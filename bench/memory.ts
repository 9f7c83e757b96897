import { forkChild } from './child.js';
import type { Row } from './stats.js';

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

/** RSS of the running event at the default caps, and what one change costs there. */
export async function benchMemory(): Promise<Row[]> {
  const child = await forkChild('./memoryChild.ts', [], ['--expose-gc']);
  const r = child.ready as {
    rss: number;
    heapUsed: number;
    baseRss: number;
    tracks: number;
    checkins: number;
    subscribers: number;
    changeAtCapsMs: number;
    longestMs: number;
  };
  await child.stop();
  return [
    {
      what: `RSS with ${r.tracks} tracks, ${r.checkins.toLocaleString('en-US')} check-ins, ${r.subscribers.toLocaleString('en-US')} subscriptions`,
      figure: `${mib(r.rss)} (heap ${mib(r.heapUsed)})`,
      comparedWith: `the same process before loading: ${mib(r.baseRss)}`,
    },
    {
      what: 'one change at those caps, saved and shown (a check-in pushing out the oldest)',
      figure: `${r.changeAtCapsMs.toFixed(1)} ms`,
      comparedWith: 'before the caps: 0.6-0.7 s per change at 100,000 next topics',
    },
    {
      what: 'the longest single command while filling those caps (a save that writes the whole snapshot, every 2,000 changes)',
      figure: `${r.longestMs.toFixed(0)} ms`,
      comparedWith:
        'printed, not a goal (a reply that waits this long is still well under a second)',
    },
  ];
}
