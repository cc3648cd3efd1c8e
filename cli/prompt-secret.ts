// Reads a password (-k, -K, vault passwords) without echoing it: from the terminal, or the next line of standard input when piped.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Secret } from '../core/secret.ts';
import { nextLine } from './input-lines.ts';

export async function promptSecret(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<Secret> {
  if (!input.isTTY) {
    // Piped: one shared reader, so a second prompt (-k then -K) gets the next line, not nothing.
    output.write(question);
    return new Secret((await nextLine(input)) ?? '');
  }
  let muted = false;
  const sink = new Writable({
    write(chunk, _enc, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output: sink, terminal: !!input.isTTY });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (input.isTTY) output.write('\n');
      resolve(new Secret(answer));
    });
    muted = true;
  });
}
