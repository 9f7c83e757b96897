import { assign, setup } from 'xstate';
import type { TrackContext, TrackEvent, TrackInput } from './events.js';

/**
 * One track of the event, in two regions:
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
    'forget the placement': assign({ location: null, room: null }),
    'set the colour': assign({
      color: ({ context, event }) => (event.type === 'color.set' ? event.color : context.color),
    }),
    'set the url': assign({
      url: ({ context, event }) => (event.type === 'url.set' ? event.url : context.url),
    }),
    'set the etherpad': assign({
      etherpad: ({ context, event }) =>
        event.type === 'etherpad.set' ? event.url : context.etherpad,
    }),
    'take the imported fields': assign(({ event }) =>
      event.type === 'fields.import' ? { ...event.fields } : {},
    ),
  },
  guards: {
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
  context: ({ input }) => ({
    name: input.name,
    now: null,
    next: [],
    color: input.color,
    location: null,
    room: null,
    url: null,
    etherpad: null,
  }),
  on: {
    'color.set': { actions: 'set the colour' },
    'url.set': { actions: 'set the url' },
    'etherpad.set': { actions: 'set the etherpad' },
  },
  states: {
    discussion: {
      initial: 'idle',
      on: {
        'topic.next': { actions: 'queue a next topic' },
        'topic.now': { target: '.discussing', actions: 'take the new topic, clearing the queue' },
        'topics.clean': { target: '.idle', actions: 'clear the topics' },
        'day.reset': { target: '.idle', actions: 'clear the topics' },
        'fields.import': [
          {
            guard: 'imports a current topic',
            target: '.discussing',
            actions: 'take the imported fields',
          },
          {
            guard: 'imports no current topic',
            target: '.idle',
            actions: 'take the imported fields',
          },
          { actions: 'take the imported fields' },
        ],
      },
      states: {
        idle: {},
        discussing: { tags: ['discussing'] },
      },
    },
    placement: {
      initial: 'scheduled',
      on: {
        'location.set': { target: '.moved', actions: 'keep the moved location' },
        'day.reset': { target: '.scheduled', actions: 'forget the placement' },
        'fields.import': [
          { guard: 'imports a moved location', target: '.moved' },
          { guard: 'imports no location', target: '.scheduled' },
        ],
      },
      states: {
        scheduled: {
          on: { 'topic.now': { actions: 'place in the scheduled room' } },
        },
        moved: { tags: ['moved'] },
      },
    },
  },
});
