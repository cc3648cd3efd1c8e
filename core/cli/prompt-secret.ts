// Reads a password (-K, vault passwords) without echoing it: from the terminal, or the next line of standard input when piped.
import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { Secret } from '../secret.ts';

export async function promptSecret(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<Secret> {
  if (!input.isTTY) {
    output.write(question);
    return new Secret(await pipedLines(input).next());
  }
  let muted = false;
  const sink = new Writable({
    write(chunk, _enc, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output: sink, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(new Secret(answer));
    });
    muted = true;
  });
}

/** One line reader per piped input for the whole process, so several prompts each get their own line (a reader per prompt would lose buffered lines). */
const readers = new WeakMap<NodeJS.ReadStream, LineQueue>();

function pipedLines(input: NodeJS.ReadStream): LineQueue {
  let q = readers.get(input);
  if (!q) readers.set(input, (q = new LineQueue(createInterface({ input, terminal: false }))));
  return q;
}

class LineQueue {
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string) => void)[] = [];
  private ended = false;
  constructor(private readonly rl: Interface) {
    rl.on('line', (line) => {
      const w = this.waiting.shift();
      if (w) w(line);
      else this.lines.push(line);
      if (!this.waiting.length) rl.pause(); // stop reading (and holding the process) until the next prompt
    });
    rl.on('close', () => {
      this.ended = true;
      for (const w of this.waiting.splice(0)) w('');
    });
  }
  /** The next line; '' once the input has ended. */
  next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve('');
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.rl.resume();
    });
  }
}
