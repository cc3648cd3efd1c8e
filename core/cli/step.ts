// --step: before each task, asks "Perform task: TASK: NAME (N)o/(y)es/(c)ontinue:" and reads the answer (a line of standard input).
import { createInterface } from 'node:readline';
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

/** One question per line of standard input, all from one reader (a piped input's later lines are kept for later questions). */
function stdinLines(write: (text: string) => void): (question: string) => Promise<string> {
  const queued: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let ended = false;
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queued.push(line)));
  rl.on('close', () => {
    ended = true;
    while (waiting.length) waiting.shift()!('');
  });
  return (question) => {
    write(question);
    if (queued.length) return Promise.resolve(queued.shift()!);
    if (ended) return Promise.resolve('');
    return new Promise((resolve) => waiting.push(resolve));
  };
}
