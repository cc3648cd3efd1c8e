// The systemd unit of a helper daemon tsible installs (the isolation guard, load-aware weights): one script, restarted whenever it exits, started at boot.

/** What differs between the helper daemons' units. */
export interface DaemonUnit {
  /** The unit's name without .service, also the unit file's first comment. */
  name: string;
  /** What it does, one line (the comment and Description=). */
  purpose: string;
  /** Description= */
  description: string;
  /** The script it runs. */
  execStart: string;
  /** Units it starts after, besides network-online.target. */
  after: string;
  /** Seconds before a restart. */
  restartSec: number;
}

/** The unit file's text. */
export function daemonUnit(u: DaemonUnit): string {
  return `# ${u.name}: ${u.purpose}. Written by tsible.
[Unit]
Description=${u.description}
After=network-online.target ${u.after}
Wants=network-online.target

[Service]
ExecStart=${u.execStart}
Restart=always
RestartSec=${u.restartSec}

[Install]
WantedBy=multi-user.target
`;
}
