import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandHandler, IncomingLine, OutgoingMessage } from './commandHandler.js';

export const CONSOLE_HELP = `Console: each line is said in the channel by an op named admin.
  /msg TEXT                       say TEXT privately to the bot
  /as NICK[+o|+v] TEXT            say TEXT as NICK: +o an op, +v voiced, neither a plain user
  /as NICK[+o|+v] /msg TEXT       the same, privately
  /help                           this help`;

export interface ConsoleIdentity {
  nick: string;
  op: boolean;
  voice: boolean;
}

const AS = /^\/as\s+([^\s+]+)(\+[ov])?\s+(.*)$/;

/** Turns one console line into what the bot should hear, or a console-only answer. */
export function consoleLine(
  text: string,
  operator: ConsoleIdentity,
): IncomingLine | { answer: string } {
  let rest = text.trim();
  let who = operator;
  if (rest === '/help') return { answer: CONSOLE_HELP };
  const as = AS.exec(rest);
  if (as) {
    who = { nick: as[1] as string, op: as[2] === '+o', voice: as[2] === '+v' };
    rest = (as[3] as string).trim();
  }
  const isPrivate = rest.startsWith('/msg ');
  if (isPrivate) rest = rest.slice(5);
  else if (rest.startsWith('/')) return { answer: `Unknown console command. ${CONSOLE_HELP}` };
  return { ...who, text: rest, isPrivate, account: who.nick };
}

export function formatOutgoing(message: OutgoingMessage, botNick: string): string {
  if (message.type === 'notify')
    return `[${botNick} -> ${message.nick}, privately] ${message.text}`;
  return message.isPrivate
    ? `[${botNick} -> ${message.nick}, privately] ${message.text}`
    : `<${botNick}> ${message.text}`;
}

/**
 * A console on a stream: each line acts as a channel message, by default from an op
 * named after the operator; replies are printed. Lines are handled in order.
 */
export function runConsole(options: {
  handler: CommandHandler;
  input: Readable;
  output: Writable;
  botNick: string;
  nick?: string;
}): { close: () => void } {
  const operator: ConsoleIdentity = { nick: options.nick ?? 'admin', op: true, voice: false };
  const rl = createInterface({ input: options.input, terminal: false });
  let queue = Promise.resolve();
  rl.on('line', (text) => {
    if (text.trim() === '') return;
    const result = consoleLine(text, operator);
    if ('answer' in result) {
      options.output.write(`${result.answer}\n`);
      return;
    }
    queue = queue.then(async () => {
      try {
        const out = await options.handler.handle(result);
        for (const message of out)
          options.output.write(`${formatOutgoing(message, options.botNick)}\n`);
      } catch (error) {
        options.output.write(`Error: ${(error as Error).message}\n`);
      }
    });
  });
  return { close: () => rl.close() };
}
