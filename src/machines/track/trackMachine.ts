import { assign, setup } from 'xstate';
import type { TrackContext, TrackEvent, TrackInput } from './events.js';

/**
 * One track of the event: what it discusses now and next, and how it is shown.
 * `idle` while nothing is being discussed, `discussing` while a current topic is set.
 */
export const trackMachine = setup({
  types: {
    context: {} as TrackContext,
    events: {} as TrackEvent,
    input: {} as TrackInput,
  },
  actions: {
    'set the current topic': assign(({ context, event }) => {
      if (event.type !== 'topic.now') return {};
      return {
        now: event.topic,
        next: [],
        room: context.location === null ? event.room : context.room,
      };
    }),
    'append a next topic': assign({
      next: ({ context, event }) =>
        event.type === 'topic.next' ? [...context.next, event.topic] : context.next,
    }),
    'clear the topics': assign({ now: null, next: [] }),
    'set the colour': assign({
      color: ({ context, event }) => (event.type === 'color.set' ? event.color : context.color),
    }),
    'set the location': assign({
      location: ({ context, event }) =>
        event.type === 'location.set' ? event.location : context.location,
    }),
    'set the url': assign({
      url: ({ context, event }) => (event.type === 'url.set' ? event.url : context.url),
    }),
    'set the etherpad': assign({
      etherpad: ({ context, event }) =>
        event.type === 'etherpad.set' ? event.url : context.etherpad,
    }),
    'forget the day': assign({ now: null, next: [], location: null, room: null }),
    'take the imported fields': assign(({ event }) =>
      event.type === 'fields.import' ? { ...event.fields } : {},
    ),
  },
  guards: {
    'imports a current topic': ({ event }) =>
      event.type === 'fields.import' && typeof event.fields.now === 'string',
    'imports no current topic': ({ event }) =>
      event.type === 'fields.import' && event.fields.now === null,
  },
}).createMachine({
  id: 'track',
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
  initial: 'idle',
  on: {
    'topic.now': { target: '.discussing', actions: 'set the current topic' },
    'topic.next': { actions: 'append a next topic' },
    'topics.clean': { target: '.idle', actions: 'clear the topics' },
    'color.set': { actions: 'set the colour' },
    'location.set': { actions: 'set the location' },
    'url.set': { actions: 'set the url' },
    'etherpad.set': { actions: 'set the etherpad' },
    'day.reset': { target: '.idle', actions: 'forget the day' },
    'fields.import': [
      {
        guard: 'imports a current topic',
        target: '.discussing',
        actions: 'take the imported fields',
      },
      { guard: 'imports no current topic', target: '.idle', actions: 'take the imported fields' },
      { actions: 'take the imported fields' },
    ],
  },
  states: {
    idle: {},
    discussing: {},
  },
});
