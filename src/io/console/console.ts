import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandHandler, IncomingLine, OutgoingMessage } from '../command/commandHandler.js';

export const CONSOLE_HELP = `Console: each line is said in the channel by an op named admin.
  /msg TEXT                       say TEXT privately to the bot
  /as NICK[+o|+v] TEXT            say TEXT as NICK: +o an op, +v voiced, neither a plain user
  /as NICK[+o|+v] /msg TEXT       the same, privately
  /help                           this help
  /quit (or Ctrl-D)               stop the bot, saving the state`;

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
): IncomingLine | { answer: string } | { quit: true } {
  let rest = text.trim();
  let who = operator;
  if (rest === '/help') return { answer: CONSOLE_HELP };
  if (rest === '/quit' || rest === '/exit') return { quit: true };
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
  /** `/quit`, or the end of a terminal's input (Ctrl-D): the operator wants the bot to stop. */
  onQuit?: () => void;
}): { close: () => void } {
  const operator: ConsoleIdentity = { nick: options.nick ?? 'admin', op: true, voice: false };
  const rl = createInterface({ input: options.input, terminal: false });
  let queue = Promise.resolve();
  rl.on('line', (text) => {
    if (text.trim() === '') return;
    const result = consoleLine(text, operator);
    if ('quit' in result) {
      void queue.then(() => options.onQuit?.());
      return;
    }
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
  // Ctrl-D in a terminal; input that is a pipe or /dev/null ending means nothing.
  const interactive = (options.input as { isTTY?: boolean }).isTTY === true;
  let closing = false;
  rl.once('close', () => {
    if (interactive && !closing) void queue.then(() => options.onQuit?.());
  });
  return {
    close: () => {
      closing = true;
      rl.close();
    },
  };
}
