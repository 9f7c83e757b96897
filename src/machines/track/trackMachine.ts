import { assign, setup } from 'xstate';
import type { TrackContext, TrackEvent, TrackInput } from './events.js';
import { dailyFieldsCleared, emptyFields } from './fields.js';

type Change =
  | 'take the new topic, clearing the queue'
  | 'queue a next topic'
  | 'clear the topics'
  | 'set the fields';

/**
 * A change someone asked for is kept for `#TRACK undo`; the bot's own is forgotten. The
 * change itself is made here too (after the fields before it are kept): a region that
 * takes an event hides the machine's own transitions for it.
 */
const remembered = (description: string, change?: Change) => [
  {
    guard: 'asked for by someone' as const,
    target: '.undoable',
    actions: ['keep the fields as they were' as const, ...(change ? [change] : [])],
    description,
  },
  {
    target: '.nothingToUndo',
    actions: ['forget the last change' as const, ...(change ? [change] : [])],
    description: 'made by the bot itself: nobody can take it back',
  },
];

/**
 * One track of the event, in two regions:
 * - `history`: `undoable` after a change someone asked for, which `#TRACK undo` takes back
 *   (the fields, or the booking, as they were before it are kept); the new day and
 *   imports leave `nothingToUndo`. Topics and fields change on its transitions.
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
    'the undo brings back a moved location': ({ context }) =>
      typeof context.undo?.before.location === 'string',
    'the undo brings back no location': ({ context }) => context.undo?.before.location === null,
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
        'topic.now': remembered(
          'a new current topic, clearing the queue as the original did: the topics before are kept',
          'take the new topic, clearing the queue',
        ),
        'topic.next': remembered(
          'a topic joins the queue: the queue before is kept',
          'queue a next topic',
        ),
        'topics.clean': remembered(
          'the topics were cleared (by a moderator or ~clean): they are kept',
          'clear the topics',
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
          actions: ['forget the last change', 'take the imported fields'],
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
