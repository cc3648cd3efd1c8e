// One line reader per input stream, shared by every prompt (-k, -K, --step): a piped input's later lines wait for later questions.
import { createInterface } from 'node:readline';

const readers = new WeakMap<NodeJS.ReadableStream, () => Promise<string | undefined>>();
const open = new Set<{ close(): void }>();

/** Stops reading every input read so far (the CLI calls it when a command ends: an open terminal or pipe must not keep the process alive). */
export function closeInputLines(): void {
  for (const rl of open) rl.close();
  open.clear();
}

/** The next line of `input` each call (undefined at the end of input). */
export function nextLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  let reader = readers.get(input);
  if (!reader) {
    const queued: string[] = [];
    const waiting: ((line: string | undefined) => void)[] = [];
    let ended = false;
    const rl = createInterface({ input, terminal: false });
    open.add(rl);
    rl.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queued.push(line)));
    rl.on('close', () => {
      ended = true;
      readers.delete(input);
      while (waiting.length) waiting.shift()!(undefined);
    });
    reader = () => {
      if (queued.length) return Promise.resolve(queued.shift());
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    };
    readers.set(input, reader);
  }
  return reader();
}
