// Test preconditions: a test that needs root (or another resource) skips with a printed reason, never silently.

/** Skips the current mocha test or suite, printing why, unless `ok` is true. */
export function needs(ctx: Mocha.Context, ok: boolean, reason: string): void {
  if (ok) return;
  console.log(`      SKIP (${ctx.test?.title ?? ctx.currentTest?.title ?? 'suite'}): ${reason}`);
  ctx.skip();
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Skips unless running as root (CI runs as root, so these tests always run there). */
export function needsRoot(ctx: Mocha.Context): void {
  needs(ctx, isRoot, 'needs root (namespaces, sshd on privileged setup); CI runs as root');
}
