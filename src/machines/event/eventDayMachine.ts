import { assign, enqueueActions, setup, stateIn } from 'xstate';
import { currentSlotAt, type DayPhase, dayPhase } from '../schedule.js';
import { hasKeys } from '../record.js';
import { sameNick } from '../nick.js';
import { trackMachine } from '../track/trackMachine.js';
import {
  casemappingOf,
  type EventDayContext,
  type EventDayInput,
  initialContext,
  trackActorId,
} from './context.js';
import { confirmationKey } from './adminCommands.js';
import { decide } from './decide.js';
import type { ReadTrack, Rules } from './decisionInputs.js';
import type { EventDayEvent, EventEmitted } from './events.js';
import { newDayIsDue, startNewDay } from './newDay.js';
import {
  ADMIN_REFUSALS,
  hasNeitherVoiceNorOp,
  isNotOp,
  isOutsideTheChannel,
  isUnidentified,
  REFUSED,
  saidPrivately,
  TRACK_REFUSALS,
  USER_REFUSALS,
} from './refusals.js';

/**
 * Which region state the machine is in, for a decision to check. xstate types `check` in
 * actions declared inside `setup` as taking no guards at all; `stateIn` is one it runs.
 */
const inState = (id: string) => stateIn(id) as never;
const IS_NO_EVENT_DAY = inState('#eventDay.day.noEvent');
const IS_IN_SLOT = inState('#eventDay.day.inSlot');
const NEEDS_VOICE = inState('#eventDay.voice.voiceRequired');

/** An arrow of the day's cycle: taken when the clock says the day has reached `to`. */
const when = (to: DayPhase, description: string) => ({
  guard: { type: 'the clock says', params: { phase: to } } as const,
  target: to,
  description,
});

/** Out of the cycle: the clock jumped (a restart, a changed clock) to another phase. */
const jumped = (from: DayPhase) => ({
  guard: { type: 'the clock jumped from', params: { phase: from } } as const,
  target: 'placing',
  description: 'the clock is somewhere the cycle does not lead from here: find the phase afresh',
});

/**
 * The event day: the root actor, in three regions, with one child per track.
 * - `voice`: `open` (anyone may moderate) or `voiceRequired`; it takes track commands,
 *   refusing those its guards say no to, and hands the rest to `decide`.
 * - `administration`: `ready`, or `awaitingConfirmation` while a destructive admin command
 *   waits for its op's `confirm`; it takes admin commands (ops in the channel only).
 * - `day`: the day's cycle on the event's clock: no event today, before sessions, in a
 *   slot and between slots, after sessions, then the next day; `placing` finds the phase
 *   afresh at start, when the timetable changes and when the clock jumps.
 * Attendees' commands, presence and settings are the machine's own. Every event type is
 * decided in one place (`decide`), checked by the compiler; what the outside must hear
 * is emitted.
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
    decide: enqueueActions(
      ({ context, event, enqueue, check, self }, params: { confirmed: boolean } | undefined) => {
        const readTrack: ReadTrack = (track) =>
          self.getSnapshot().children[trackActorId(track)]?.getSnapshot().context;
        const rules: Rules = {
          isEventDay: !check(IS_NO_EVENT_DAY),
          inSlot: check(IS_IN_SLOT),
          voiceRequired: check(NEEDS_VOICE),
          confirmed: params?.confirmed ?? false,
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
        if (effects.ask) enqueue.raise({ type: 'confirmation.asked', ...effects.ask });
        if (effects.context && 'slots' in effects.context) enqueue.raise({ type: 'day.replan' });
        else if (effects.context && 'clock' in effects.context)
          enqueue.raise({ type: 'day.check' });
      },
    ),
    // The sender hears why (when there is something to say); the outside counts it.
    refuse: enqueueActions(({ event, enqueue }, params: { text: string | null }) => {
      if (!('requestId' in event)) return;
      if (params.text !== null)
        enqueue.emit({ type: 'reply', requestId: event.requestId, text: params.text });
      enqueue.emit({ type: 'refused', requestId: event.requestId });
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
    'keep the command waiting': assign({
      pendingConfirmation: ({ event, context }) =>
        event.type === 'confirmation.asked'
          ? { key: event.key, nick: event.nick, expires: event.expires }
          : (context.pendingConfirmation ?? null),
    }),
    'forget the waiting command': assign({ pendingConfirmation: null }),
  },
  guards: {
    'only identified users are heard, and the sender is not identified': ({ context, event }) =>
      isUnidentified(context, event),
    'the sender is not an op': ({ event }) => isNotOp(event),
    'the sender has neither voice nor op': ({ event }) => hasNeitherVoiceNorOp(event),
    'it was said privately': ({ event }) => saidPrivately(event),
    'a subscriber is not in the channel': ({ event }) => isOutsideTheChannel(event),
    'voice is to be required': ({ event }) => event.type === 'voice.set' && event.required,
    'voice is no longer to be required': ({ event }) =>
      event.type === 'voice.set' && !event.required,
    'a new day is due': ({ context, event }) =>
      event.type === 'clock.tick' && newDayIsDue(context, event.at),
    'the clock says': ({ context }, params: { phase: DayPhase }) =>
      context.clock !== null && dayPhase(context.slots, context.clock) === params.phase,
    'the clock jumped from': ({ context }, params: { phase: DayPhase }) =>
      context.clock !== null && dayPhase(context.slots, context.clock) !== params.phase,
    'it confirms the waiting command': ({ context, event }) => {
      const waiting = context.pendingConfirmation;
      return (
        waiting !== null &&
        waiting !== undefined &&
        event.type.startsWith('admin.') &&
        'confirmed' in event &&
        event.confirmed === true &&
        confirmationKey(event as Parameters<typeof confirmationKey>[0]) === waiting.key &&
        sameNick(event.nick, waiting.nick, casemappingOf(context)) &&
        Date.parse(event.at.iso) <= Date.parse(waiting.expires)
      );
    },
    // A fetch is the first half of `~fetchdb URL confirm`: it leaves the command waiting.
    'it is another command from the op who was asked': ({ context, event }) =>
      'nick' in event &&
      event.type !== 'admin.fetch' &&
      context.pendingConfirmation != null &&
      sameNick(event.nick, context.pendingConfirmation.nick, casemappingOf(context)),
    'the time to confirm is over': ({ context, event }) =>
      event.type === 'clock.tick' &&
      context.pendingConfirmation != null &&
      Date.parse(event.at.iso) > Date.parse(context.pendingConfirmation.expires),
  },
}).createMachine({
  id: 'eventDay',
  type: 'parallel',
  context: ({ input }) => initialContext(input),
  on: {
    'user.*': [
      ...USER_REFUSALS,
      { actions: 'decide', description: 'an attendee’s command: anyone in the channel' },
    ],
    'presence.*': {
      actions: 'decide',
      description: 'someone left or took another nick: their records follow',
    },
    'settings.config': {
      actions: 'decide',
      description: 'the config’s limits and policy, given at every start',
    },
    'settings.casemapping': {
      actions: 'decide',
      description: 'the IRC server said how it compares nicks: people are keyed its way',
    },
  },
  states: {
    voice: {
      description: 'Who may moderate: track commands go through here',
      initial: 'open',
      states: {
        open: {
          description: 'Anyone in the channel may use track commands',
          on: {
            'track.*': [
              ...TRACK_REFUSALS,
              { actions: 'decide', description: 'a moderator’s command: carried out' },
            ],
            'voice.set': {
              guard: 'voice is to be required',
              target: 'voiceRequired',
              description: '~requirevoice (or data that requires it)',
            },
          },
        },
        voiceRequired: {
          description: 'Only voiced users and ops may use track commands',
          tags: ['voice required'],
          on: {
            'track.*': [
              ...TRACK_REFUSALS,
              {
                guard: 'the sender has neither voice nor op',
                actions: { type: 'refuse', params: { text: REFUSED.voice } },
                description: 'refused: voice is required to moderate',
              },
              { actions: 'decide', description: 'a voiced moderator’s command: carried out' },
            ],
            'voice.set': {
              guard: 'voice is no longer to be required',
              target: 'open',
              description: '~alloweveryone (or data that allows it)',
            },
          },
        },
      },
    },
    administration: {
      description: 'Ops’ commands go through here; destructive ones wait for a confirm',
      initial: 'ready',
      on: {
        'confirmation.asked': {
          target: '.awaitingConfirmation',
          actions: 'keep the command waiting',
          description: 'a destructive command would lose something: its op is asked to confirm',
        },
      },
      states: {
        ready: {
          description: 'No command waits for a confirmation',
          on: {
            'admin.*': [
              ...ADMIN_REFUSALS,
              { actions: 'decide', description: 'an op’s command: carried out, or asked about' },
            ],
          },
        },
        awaitingConfirmation: {
          description: 'A destructive command waits for the same op’s confirm, for a minute',
          exit: 'forget the waiting command',
          on: {
            'admin.*': [
              ...ADMIN_REFUSALS,
              {
                guard: 'it confirms the waiting command',
                target: 'ready',
                actions: { type: 'decide', params: { confirmed: true } },
                description: 'the op confirmed in time: the command is carried out',
              },
              {
                guard: 'it is another command from the op who was asked',
                target: 'ready',
                actions: 'decide',
                description: 'the op moved on to another command: the waiting one is dropped',
              },
              { actions: 'decide', description: 'another op’s command: the waiting one stays' },
            ],
            'clock.tick': {
              guard: 'the time to confirm is over',
              target: 'ready',
              description: 'a minute passed without a confirm: the waiting command is dropped',
            },
          },
        },
      },
    },
    day: {
      description: 'Where the clock is in the event’s timetable today',
      initial: 'placing',
      on: {
        'clock.tick': [
          {
            guard: 'a new day is due',
            actions: ['decide', 'start a new day'],
            description: 'the configured hour of a new day has come: the day is cleared',
          },
          { actions: 'decide', description: 'the clock moved on' },
        ],
        'day.replan': {
          target: '.placing',
          description: 'the timetable changed: the phase is found afresh',
        },
      },
      states: {
        placing: {
          description: 'Finds the phase of the day from the clock and the timetable',
          always: [
            when('beforeSessions', 'an event day, before its first session'),
            when('inSlot', 'a session is on'),
            when('betweenSlots', 'between two sessions'),
            when('afterSessions', 'the day’s sessions are over'),
            { target: 'noEvent', description: 'no session today, or no clock yet' },
          ],
        },
        noEvent: {
          description: 'Today is not one of the event’s days',
          on: {
            'day.check': [when('beforeSessions', 'an event day has begun'), jumped('noEvent')],
          },
        },
        beforeSessions: {
          description: 'An event day, before its first session',
          tags: ['event day'],
          on: {
            'day.check': [when('inSlot', 'the first session has begun'), jumped('beforeSessions')],
          },
        },
        inSlot: {
          description: 'A session is on: ~newday asks for a confirm',
          tags: ['event day', 'in a slot'],
          entry: 'note the current slot',
          exit: 'no slot is current',
          on: {
            'day.check': [
              when('betweenSlots', 'the session is over; another comes later today'),
              when('afterSessions', 'the last session of the day is over'),
              jumped('inSlot'),
            ],
          },
        },
        betweenSlots: {
          description: 'Between two sessions of an event day',
          tags: ['event day'],
          on: {
            'day.check': [when('inSlot', 'the next session has begun'), jumped('betweenSlots')],
          },
        },
        afterSessions: {
          description: 'The event day’s sessions are over',
          tags: ['event day'],
          on: {
            'day.check': [
              when('noEvent', 'the next day has come, with no session'),
              when('beforeSessions', 'the next event day has come'),
              jumped('afterSessions'),
            ],
          },
        },
      },
    },
  },
});

export type EventDayMachine = typeof eventDayMachine;
