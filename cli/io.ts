// Where the CLI reads and writes (the process by default; tests pass their own).
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  /** Colour the console output. */
  color: boolean;
}
