// Where the CLI reads and writes (the process by default; tests pass their own).
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
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
