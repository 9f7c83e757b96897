import { forkChild } from './child.js';
import type { Row } from './stats.js';

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

/** RSS of the running event with 500 tracks, 10,000 check-ins and 5,000 subscriptions. */
export async function benchMemory(): Promise<Row[]> {
  const child = await forkChild('./memoryChild.ts', [], ['--expose-gc']);
  const r = child.ready as {
    rss: number;
    heapUsed: number;
    baseRss: number;
    tracks: number;
    checkins: number;
    subscribers: number;
  };
  await child.stop();
  return [
    {
      what: `RSS with ${r.tracks} tracks, ${r.checkins.toLocaleString('en-US')} check-ins, ${r.subscribers.toLocaleString('en-US')} subscriptions`,
      figure: `${mib(r.rss)} (heap ${mib(r.heapUsed)})`,
      comparedWith: `the same process before loading: ${mib(r.baseRss)}`,
    },
  ];
}
