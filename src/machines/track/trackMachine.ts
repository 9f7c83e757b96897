import { assign, setup } from 'xstate';
import type { TrackContext, TrackEvent, TrackInput } from './events.js';
import { dailyFieldsCleared, emptyFields } from './fields.js';

type Setter = 'set the fields';

/**
 * A change someone asked for is kept for `#TRACK undo`; the bot's own is forgotten. A
 * field no other region looks at (colour, links) is set here too: a region that takes an
 * event hides the machine's own transitions for it.
 */
const remembered = (description: string, set?: Setter) => [
  {
    guard: 'asked for by someone' as const,
    target: '.undoable',
    actions: ['keep the fields as they were' as const, ...(set ? [set] : [])],
    description,
  },
  {
    target: '.nothingToUndo',
    actions: ['forget the last change' as const, ...(set ? [set] : [])],
    description: 'made by the bot itself: nobody can take it back',
  },
];

/**
 * One track of the event, in three regions:
 * - `history`: `undoable` after a change someone asked for, which `#TRACK undo` takes back
 *   (the fields, or the booking, as they were before it are kept); the new day and
 *   imports leave `nothingToUndo`.
 * - `discussion`: `idle` until a moderator says what the track discusses now, then
 *   `discussing`; next topics queue in either, and `now` takes over from them.
 * - `placement`: `scheduled` while the track is shown in the room the schedule gives it
 *   (a new topic places it in today's room); `moved` once its moderator set a location,
 *   which then wins until the day ends.
 */
export const trackMachine = setup({
  types: {
    context: {} as TrackContext,
    events: {} as TrackEvent,
    input: {} as TrackInput,
  },
  actions: {
    'take the new topic, clearing the queue': assign(({ event }) =>
      event.type === 'topic.now' ? { now: event.topic, next: [] } : {},
    ),
    'queue a next topic': assign({
      next: ({ context, event }) =>
        event.type === 'topic.next' ? [...context.next, event.topic] : context.next,
    }),
    'clear the topics': assign({ now: null, next: [] }),
    'place in the scheduled room': assign({
      room: ({ context, event }) => (event.type === 'topic.now' ? event.room : context.room),
    }),
    'keep the moved location': assign({
      location: ({ context, event }) =>
        event.type === 'location.set' ? event.location : context.location,
    }),
    'set the fields': assign(({ event }) =>
      event.type === 'fields.set' ? { ...event.fields } : {},
    ),
    'clear the day’s fields': assign((): Partial<TrackContext> => dailyFieldsCleared()),
    'take the imported fields': assign(({ event }) =>
      event.type === 'fields.import' ? { ...event.fields } : {},
    ),
    'keep the fields as they were': assign({
      undo: ({ event }) => {
        if (!('by' in event) || !event.by) return null;
        const booking = event.type === 'booking.changed' ? { booking: event.booking } : {};
        return { ...event.by, ...booking };
      },
    }),
    'forget the last change': assign({ undo: null }),
    'put the fields back': assign(({ context }) =>
      context.undo ? { ...context.undo.before, undo: null } : {},
    ),
  },
  guards: {
    'asked for by someone': ({ event }) => 'by' in event && event.by !== undefined,
    'the undo brings back a current topic': ({ context }) =>
      typeof context.undo?.before.now === 'string',
    'the undo brings back no topic': ({ context }) => context.undo?.before.now === null,
    'the undo brings back a moved location': ({ context }) =>
      typeof context.undo?.before.location === 'string',
    'the undo brings back no location': ({ context }) => context.undo?.before.location === null,
    'imports a current topic': ({ event }) =>
      event.type === 'fields.import' && typeof event.fields.now === 'string',
    'imports no current topic': ({ event }) =>
      event.type === 'fields.import' && event.fields.now === null,
    'imports a moved location': ({ event }) =>
      event.type === 'fields.import' && typeof event.fields.location === 'string',
    'imports no location': ({ event }) =>
      event.type === 'fields.import' && event.fields.location === null,
  },
}).createMachine({
  id: 'track',
  type: 'parallel',
  context: ({ input }) => ({ name: input.name, ...emptyFields(), color: input.color, undo: null }),
  states: {
    history: {
      description: 'Whether the last change to the track can be taken back with #TRACK undo',
      initial: 'nothingToUndo',
      on: {
        'topic.now': remembered('the topic was set: the one before is kept'),
        'topic.next': remembered('a topic was queued: the queue before is kept'),
        'topics.clean': remembered(
          'the topics were cleared (by a moderator or ~clean): they are kept',
        ),
        'fields.set': remembered(
          'a field no region looks at was set (colour, links...): the values before are kept',
          'set the fields',
        ),
        'location.set': remembered('the track was moved: where it was is kept'),
        'booking.changed': remembered('a slot was booked or given back: who held it is kept'),
        'day.reset': {
          target: '.nothingToUndo',
          actions: ['forget the last change', 'clear the day’s fields'],
          description:
            'a new day: the day’s fields (topics, placement...) are cleared, and what was said the day before cannot be taken back',
        },
        'fields.import': {
          target: '.nothingToUndo',
          actions: 'forget the last change',
          description: 'imported data (or an op’s ~undo) replaced the fields',
        },
      },
      states: {
        nothingToUndo: { description: 'No change to take back' },
        undoable: {
          description: 'The fields (or the booking) as they were before the last change are kept',
          on: {
            'change.undo': {
              target: 'nothingToUndo',
              actions: 'put the fields back',
              description: '#TRACK undo: the fields go back to what they were before the change',
            },
          },
        },
      },
    },
    discussion: {
      description: 'What the track discusses now, and what comes next',
      initial: 'idle',
      on: {
        'topic.next': { actions: 'queue a next topic', description: 'a topic joins the queue' },
        'topic.now': {
          target: '.discussing',
          actions: 'take the new topic, clearing the queue',
          description: 'a new current topic: the queue is cleared, as the original did',
        },
        'topics.clean': {
          target: '.idle',
          actions: 'clear the topics',
          description: 'now and next are cleared',
        },
        'day.reset': { target: '.idle', description: 'a new day: no topic carries over' },
        'fields.import': [
          {
            guard: 'imports a current topic',
            target: '.discussing',
            actions: 'take the imported fields',
            description: 'imported data brings a current topic',
          },
          {
            guard: 'imports no current topic',
            target: '.idle',
            actions: 'take the imported fields',
            description: 'imported data says there is no current topic',
          },
          {
            actions: 'take the imported fields',
            description: 'imported data leaves the current topic as it is',
          },
        ],
        'change.undo': [
          {
            guard: 'the undo brings back a current topic',
            target: '.discussing',
            description: 'the fields put back have a current topic',
          },
          {
            guard: 'the undo brings back no topic',
            target: '.idle',
            description: 'the fields put back have none',
          },
        ],
      },
      states: {
        idle: { description: 'No current topic' },
        discussing: { description: 'A current topic is shown', tags: ['discussing'] },
      },
    },
    placement: {
      description: 'Where the track is shown: its scheduled room, or where its moderator moved it',
      initial: 'scheduled',
      on: {
        'location.set': {
          target: '.moved',
          actions: 'keep the moved location',
          description: 'a moderator set a location: it wins until the day ends',
        },
        'day.reset': {
          target: '.scheduled',
          description: 'a new day: the timetable places the track again',
        },
        'fields.import': [
          {
            guard: 'imports a moved location',
            target: '.moved',
            description: 'imported data brings a location',
          },
          {
            guard: 'imports no location',
            target: '.scheduled',
            description: 'imported data says there is no location',
          },
        ],
        'change.undo': [
          {
            guard: 'the undo brings back a moved location',
            target: '.moved',
            description: 'the fields put back have a location',
          },
          {
            guard: 'the undo brings back no location',
            target: '.scheduled',
            description: 'the fields put back have none',
          },
        ],
      },
      states: {
        scheduled: {
          description: 'Shown in the room the timetable gives it',
          on: {
            'topic.now': {
              actions: 'place in the scheduled room',
              description: 'a new topic places the track in today’s scheduled room',
            },
          },
        },
        moved: { description: 'Shown where its moderator moved it', tags: ['moved'] },
      },
    },
  },
});
