import { assign, enqueueActions, setup, stateIn } from 'xstate';
import { currentSlotAt, type DayPhase, dayPhase } from '../schedule.js';
import { hasKeys } from '../record.js';
import { trackMachine } from '../track/trackMachine.js';
import {
  type EventDayContext,
  type EventDayInput,
  initialContext,
  trackActorId,
} from './context.js';
import { decide } from './decide.js';
import type { Rules } from './decisionInputs.js';
import type { EventDayEvent, EventEmitted } from './events.js';
import { newDayIsDue, startNewDay } from './newDay.js';
import type { ReadTrack } from './decisionInputs.js';

/**
 * Which region state the machine is in, for a decision to check. xstate types `check` in
 * actions declared inside `setup` as taking no guards at all; `stateIn` is one it runs.
 */
const inState = (id: string) => stateIn(id) as never;
const IS_NO_EVENT_DAY = inState('#eventDay.day.noEvent');
const IS_IN_SLOT = inState('#eventDay.day.inSlot');
const NEEDS_VOICE = inState('#eventDay.voice.voiceRequired');

const PHASES: DayPhase[] = ['noEvent', 'beforeSessions', 'inSlot', 'betweenSlots', 'afterSessions'];

/**
 * From one phase of the day to whichever the clock says it is now, checked when the clock
 * or the timetable changed (not after every command, as an eventless transition would be).
 */
const leaveFor = (from: DayPhase) => ({
  'day.check': PHASES.filter((to) => to !== from).map((to) => ({
    guard: { type: 'the clock says', params: { phase: to } } as const,
    target: to,
  })),
});

/**
 * The event day: the root actor, in two regions.
 * - `voice`: `open` (anyone may moderate) or `voiceRequired`, where track commands from
 *   senders with neither voice nor op are refused before anything else sees them.
 * - `day`: where the clock is in the event's timetable: no event today, before, in or
 *   between sessions, after them. A new day starts by itself once it is due. Tracks are
 *   told they have no session today only on an event day.
 * It owns the timetable, banners, check-ins and subscriptions, spawns one `track` child
 * per track, and emits replies, notifications and `changed` for the outside. Every event
 * type is decided in one place (`decide`), checked by the compiler.
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
    decide: enqueueActions(({ context, event, enqueue, check, self }) => {
      const readTrack: ReadTrack = (track) =>
        self.getSnapshot().children[trackActorId(track)]?.getSnapshot().context;
      const rules: Rules = {
        isEventDay: !check(IS_NO_EVENT_DAY),
        inSlot: check(IS_IN_SLOT),
        voiceRequired: check(NEEDS_VOICE),
      };
      const effects = decide(context, event, readTrack, rules);
      for (const track of effects.stop ?? []) enqueue.stopChild(trackActorId(track));
      for (const { name, color } of effects.spawn ?? []) {
        enqueue.spawnChild('track', {
          id: trackActorId(name),
          systemId: trackActorId(name),
          input: { name, color },
        });
      }
      // What people said changes the time of the last change; the clock moving on does not.
      const said = 'requestId' in event && effects.emit?.some((e) => e.type === 'changed');
      // An empty update is not worth copying the context for.
      if (said || (effects.context && hasKeys(effects.context))) {
        enqueue.assign(
          said ? { ...effects.context, lastChange: event.at } : (effects.context ?? {}),
        );
      }
      for (const { track, event: trackEvent } of effects.send ?? []) {
        enqueue.sendTo(trackActorId(track), trackEvent);
      }
      for (const emitted of effects.emit ?? []) enqueue.emit(emitted);
      if (effects.voice !== undefined)
        enqueue.raise({ type: 'voice.set', required: effects.voice });
      if (effects.context && ('clock' in effects.context || 'slots' in effects.context)) {
        enqueue.raise({ type: 'day.check' });
      }
    }),
    'refuse: voice needed': enqueueActions(({ event, enqueue }) => {
      if ('requestId' in event) {
        enqueue.emit({
          type: 'reply',
          requestId: event.requestId,
          text: 'Need voice to issue commands',
        });
      }
    }),
    'start a new day': enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'clock.tick') return;
      const effects = startNewDay(context, event.at);
      for (const { track, event: trackEvent } of effects.send ?? []) {
        enqueue.sendTo(trackActorId(track), trackEvent);
      }
      if (effects.context) enqueue.assign({ ...effects.context, lastChange: event.at });
      for (const emitted of effects.emit ?? []) enqueue.emit(emitted);
    }),
    'note the current slot': assign({
      currentSlot: ({ context }) =>
        context.clock === null ? null : currentSlotAt(context.slots, context.clock),
    }),
    'no slot is current': assign({ currentSlot: null }),
    'take the limits': assign({
      settings: ({ event, context }) =>
        event.type === 'settings.limits'
          ? { ...context.settings, limits: event.limits }
          : context.settings,
    }),
  },
  guards: {
    'sender has neither voice nor op': ({ event }) =>
      'from' in event && event.from !== undefined && !event.from.op && !event.from.voice,
    'voice is to be required': ({ event }) => event.type === 'voice.set' && event.required,
    'voice is no longer to be required': ({ event }) =>
      event.type === 'voice.set' && !event.required,
    'a new day is due': ({ context, event }) =>
      event.type === 'clock.tick' && newDayIsDue(context, event.at),
    'the clock says': ({ context }, params: { phase: DayPhase }) =>
      context.clock !== null && dayPhase(context.slots, context.clock) === params.phase,
  },
}).createMachine({
  id: 'eventDay',
  type: 'parallel',
  context: ({ input }) => initialContext(input),
  states: {
    voice: {
      initial: 'open',
      on: {
        'track.*': { actions: 'decide' },
        'admin.*': { actions: 'decide' },
        'user.*': { actions: 'decide' },
        'presence.*': { actions: 'decide' },
        'settings.limits': { actions: 'take the limits' },
        'settings.casemapping': { actions: 'decide' },
      },
      states: {
        open: {
          on: {
            'voice.set': { guard: 'voice is to be required', target: 'voiceRequired' },
          },
        },
        voiceRequired: {
          tags: ['voice required'],
          on: {
            'track.*': [
              { guard: 'sender has neither voice nor op', actions: 'refuse: voice needed' },
              { actions: 'decide' },
            ],
            'voice.set': { guard: 'voice is no longer to be required', target: 'open' },
          },
        },
      },
    },
    day: {
      initial: 'noEvent',
      on: {
        'clock.tick': [
          { guard: 'a new day is due', actions: ['decide', 'start a new day'] },
          { actions: 'decide' },
        ],
      },
      states: {
        noEvent: { on: leaveFor('noEvent') },
        beforeSessions: { tags: ['event day'], on: leaveFor('beforeSessions') },
        inSlot: {
          tags: ['event day', 'in a slot'],
          entry: 'note the current slot',
          exit: 'no slot is current',
          on: leaveFor('inSlot'),
        },
        betweenSlots: { tags: ['event day'], on: leaveFor('betweenSlots') },
        afterSessions: { tags: ['event day'], on: leaveFor('afterSessions') },
      },
    },
  },
});

export type EventDayMachine = typeof eventDayMachine;
