// --step: before each task, asks "Perform task: TASK: NAME (N)o/(y)es/(c)ontinue:" and reads the answer (a line of standard input).
import { nextLine } from './input-lines.ts';
import type { CliIo } from './io.ts';

/** The engine's step callback for `io`: y runs the task, n (or an empty line, or end of input) skips it, c runs the rest unasked. */
export function stepPrompter(io: CliIo): (taskName: string) => Promise<'y' | 'n' | 'c'> {
  const ask = io.ask ?? stdinLines(io.out);
  return async (taskName) => {
    const answer = (await ask(`Perform task: TASK: ${taskName} (N)o/(y)es/(c)ontinue: `)).trim().toLowerCase();
    if (answer === 'y' || answer === 'yes') return 'y';
    if (answer === 'c' || answer === 'continue') return 'c';
    return 'n';
  };
}

/** One question per line of standard input (an empty answer at its end). */
function stdinLines(write: (text: string) => void): (question: string) => Promise<string> {
  return async (question) => {
    write(question);
    const answer = (await nextLine(process.stdin)) ?? '';
    if (!process.stdin.isTTY) write('\n'); // a terminal echoes the answer and its newline; a pipe does not
    return answer;
  };
}
