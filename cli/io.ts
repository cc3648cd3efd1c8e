// Where the CLI reads and writes (the process by default; tests pass their own).
export interface CliIo {
  out: (text: string) => void;
  /** Bytes to standard output as they are (decrypted vault files may be binary); default: `out` of their UTF-8 text. */
  outBytes?: (data: Buffer) => void;
  err: (text: string) => void;
  /** All of standard input (`tsible vault … -`); default: the process's. */
  stdin?: () => Buffer;
  cwd: string;
  /** Colour the console output. */
  color: boolean;
  /** Environment the config is read from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Home folder for ~/.ansible.cfg and ~/.tsible.cfg (default the user's). */
  home?: string;
  /** Answers for --step (default: lines of standard input). */
  ask?: (question: string) => Promise<string>;
}
