import type { EventDayContext } from './context.js';
import type { EventDayEvent } from './events.js';

/**
 * Who may say what: the facts io tells about a command's sender (`from`), read for the
 * event day's guards. A fact that is absent (a journal from before it was told) allows.
 */
const from = (event: EventDayEvent) => ('from' in event ? event.from : undefined);

export const isUnidentified = (context: EventDayContext, event: EventDayEvent) =>
  context.settings.identifiedOnly === true && from(event)?.account === null;
export const isNotOp = (event: EventDayEvent) => from(event)?.op === false;
export const hasNeitherVoiceNorOp = (event: EventDayEvent) => {
  const sender = from(event);
  return sender !== undefined && !sender.op && !sender.voice;
};
export const isOutsideTheChannel = (event: EventDayEvent) =>
  event.type === 'user.subscribe' && from(event)?.inChannel === false;
export const saidPrivately = (event: EventDayEvent) => from(event)?.privately === true;

export const REFUSED = {
  voice: 'Need voice to issue commands',
  op: 'Need op for admin commands',
  trackPrivately: 'Track commands work in the channel only',
  adminPrivately: 'Admin commands work in the channel only',
  notInChannel: 'Join the event channel first: subscriptions are for people in it',
};

type RefusalGuard =
  'a subscriber is not in the channel' | 'it was said privately' | 'the sender is not an op';

/** A transition that refuses: the sender hears `text`, nothing changes. */
const refusal = (guard: RefusalGuard, text: string, description: string) => ({
  guard,
  actions: { type: 'refuse' as const, params: { text } },
  description,
});

/** The first transitions of each family's commands: the senders the chart refuses. */
const unidentified = {
  guard: 'only identified users are heard, and the sender is not identified' as const,
  actions: { type: 'refuse' as const, params: { text: null } },
  description: 'ignored: the config hears identified users only',
};

export const USER_REFUSALS = [
  unidentified,
  refusal(
    'a subscriber is not in the channel',
    REFUSED.notInChannel,
    'refused: subscriptions are for people in the event channel',
  ),
];

export const TRACK_REFUSALS = [
  unidentified,
  refusal(
    'it was said privately',
    REFUSED.trackPrivately,
    'refused: track commands are said in the channel, where everyone sees them',
  ),
];

export const ADMIN_REFUSALS = [
  unidentified,
  refusal('the sender is not an op', REFUSED.op, 'refused: admin commands are for channel ops'),
  refusal(
    'it was said privately',
    REFUSED.adminPrivately,
    'refused: admin commands are said in the channel',
  ),
];
