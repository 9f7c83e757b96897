import { assign, enqueueActions, setup } from 'xstate';
import { trackMachine } from '../track/trackMachine.js';
import { handleAdminCommand } from './adminCommands.js';
import { handleClockTick } from './clockTick.js';
import {
  type EventDayContext,
  type EventDayInput,
  initialContext,
  trackActorId,
} from './context.js';
import type { Effects } from './effects.js';
import type { EventDayEvent, EventEmitted } from './events.js';
import { handleTrackCommand, type ReadTrack } from './trackCommands.js';
import { handlePresence, handleUserCommand } from './userCommands.js';

type TrackActor = { src: 'track'; logic: typeof trackMachine; id: string };
type Decide<E> = (ctx: EventDayContext, event: E, readTrack: ReadTrack) => Effects;

/** Carries out what a handler decided, in the order `Effects` documents. */
function carryOut<E extends EventDayEvent>(decide: Decide<E>) {
  return enqueueActions<
    EventDayContext,
    EventDayEvent,
    undefined,
    EventDayEvent,
    TrackActor,
    never,
    never,
    never,
    EventEmitted
  >(({ context, event, enqueue, self }) => {
    const readTrack: ReadTrack = (track) => {
      const child = self.getSnapshot().children[trackActorId(track)];
      return child?.getSnapshot().context;
    };
    const effects = decide(context, event as E, readTrack);
    for (const track of effects.stop ?? []) enqueue.stopChild(trackActorId(track));
    for (const { name, color } of effects.spawn ?? []) {
      enqueue.spawnChild('track', {
        id: trackActorId(name),
        systemId: trackActorId(name),
        input: { name, color },
      });
    }
    if (effects.context) enqueue.assign(effects.context);
    for (const { track, event: trackEvent } of effects.send ?? []) {
      enqueue.sendTo(trackActorId(track), trackEvent);
    }
    for (const emitted of effects.emit ?? []) enqueue.emit(emitted);
  });
}

const track = { actions: 'carry out the track command' } as const;
const admin = { actions: 'carry out the admin command' } as const;
const user = { actions: 'carry out the user command' } as const;

/**
 * The event day: the root actor. It owns the timetable, banners, check-ins and
 * subscriptions, spawns one `track` child per track, routes track commands to it,
 * and emits replies, notifications and `changed` for the outside.
 * Its states are the voice policy: `open` (anyone may use track commands) or
 * `voiceRequired` (only voiced users and ops may).
 */
export const eventDayMachine = setup({
  types: {
    context: {} as EventDayContext,
    events: {} as EventDayEvent,
    emitted: {} as EventEmitted,
    input: {} as EventDayInput,
  },
  actors: { track: trackMachine },
  actions: {
    'carry out the track command': carryOut(handleTrackCommand),
    'carry out the admin command': carryOut(handleAdminCommand),
    'carry out the user command': carryOut(handleUserCommand),
    'follow the clock': carryOut(handleClockTick),
    'follow the roster': carryOut(handlePresence),
    'take the limits': assign({
      limits: ({ event }) => (event.type === 'settings.limits' ? event.limits : {}),
    }),
  },
  guards: {
    'imports voice required': ({ event }) =>
      event.type === 'admin.import' && event.data.voice === true,
    'imports voice not required': ({ event }) =>
      event.type === 'admin.import' && event.data.voice === false,
  },
}).createMachine({
  id: 'eventDay',
  context: ({ input }) => initialContext(input),
  initial: 'open',
  on: {
    'track.now': track,
    'track.next': track,
    'track.clean': track,
    'track.color': track,
    'track.location': track,
    'track.url': track,
    'track.etherpad': track,
    'track.book': track,
    'track.unbook': track,
    'admin.list': admin,
    'admin.add': admin,
    'admin.del': admin,
    'admin.clean': admin,
    'admin.newday': admin,
    'admin.emptydb': { ...admin, target: '.open' },
    'admin.import': [
      { guard: 'imports voice required', target: '.voiceRequired', ...admin },
      { guard: 'imports voice not required', target: '.open', ...admin },
      admin,
    ],
    'admin.motd.add': admin,
    'admin.motd.del': admin,
    'admin.motd.reorder': admin,
    'admin.motd.clean': admin,
    'admin.voice.require': { ...admin, target: '.voiceRequired' },
    'admin.voice.allowEveryone': { ...admin, target: '.open' },
    'user.in': user,
    'user.out': user,
    'user.seen': user,
    'user.subscribe': user,
    'user.subscription': user,
    'user.unsubscribe': user,
    'clock.tick': { actions: 'follow the clock' },
    'presence.left': { actions: 'follow the roster' },
    'presence.renamed': { actions: 'follow the roster' },
    'settings.limits': { actions: 'take the limits' },
  },
  states: {
    open: {},
    voiceRequired: { tags: ['voice required'] },
  },
});

export type EventDayMachine = typeof eventDayMachine;
