import type { AnyStateMachine } from 'xstate';
import { connectionMachine } from './io/irc/connection/connectionMachine.js';
import { eventDayMachine } from './machines/event/eventDayMachine.js';
import { trackMachine } from './machines/track/trackMachine.js';

/**
 * Every statechart the bot runs, by name: `--statecharts`, `/api/machines`, the built-in
 * inspector and the README show these.
 */
export const CHARTS: Record<'eventDay' | 'track' | 'ircConnection', AnyStateMachine> = {
  eventDay: eventDayMachine,
  track: trackMachine,
  ircConnection: connectionMachine,
};

/** The chart an inspected actor runs, by its system id (`track:swift`, `ircConnection`). */
export function chartOf(actorId: string): AnyStateMachine | undefined {
  if (actorId.startsWith('track:')) return CHARTS.track;
  if (actorId === 'ircConnection') return CHARTS.ircConnection;
  if (actorId === 'eventDay' || actorId.startsWith('x:')) return CHARTS.eventDay;
  return undefined;
}
