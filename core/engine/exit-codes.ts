// The exit codes of a tsible run (as ansible-playbook's): one small module, so the command line knows them without loading the engine.

/** Process exit codes, as Ansible's (see docs/cli.md): ok, an error, a host failed, a host unreachable, bad input (parse, options), --check found changes (with --changed-exit-code). */
export const EXIT = { ok: 0, error: 1, hostFailed: 2, hostUnreachable: 4, badInput: 5, checkChanges: 80 } as const;
