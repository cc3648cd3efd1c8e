// The bash loop wait_for runs on the host: polls a TCP port or a file until the wanted state or the timeout.
import type { Command } from '../../core/quote.ts';

/** What the loop checks. */
export interface WaitSpec {
  mode: 'port' | 'path' | 'sleep';
  host: string;
  port: number;
  path: string;
  /** POSIX extended regex searched in the file ('' = none). */
  search: string;
  /** started/present: until the check succeeds; stopped/absent: until it fails. */
  until: 'success' | 'failure';
  timeout: number;
  delay: number;
  sleep: number;
  connectTimeout: number;
}

/**
 * Constant script; user values arrive as positional parameters, never inside the script text.
 * Prints `done ELAPSED [MATCH-B64]`, or `timeout ELAPSED` (exit 3), or `badregex` (exit 4).
 * TCP connects use bash's /dev/tcp (bash is in every Debian install; nc is not), bounded by coreutils' timeout.
 */
const SCRIPT = String.raw`mode=$1 host=$2 port=$3 path=$4 search=$5 until=$6 limit=$7 delay=$8 pause=$9 ctimeout=${'$'}{10}
sleep "$delay"
start=$SECONDS
check() {
  case $mode in
    port) timeout "$ctimeout" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null ;;
    path)
      if [ -z "$search" ]; then [ -e "$path" ]; return; fi
      [ -r "$path" ] || return 1
      grep -Eq -- "$search" "$path" 2>/dev/null; rc=$?
      if [ "$rc" -eq 2 ]; then echo badregex; exit 4; fi
      return "$rc" ;;
    *) return 1 ;;
  esac
}
while :; do
  if check; then ok=success; else ok=failure; fi
  [ "$mode" != sleep ] && [ "$ok" = "$until" ] && break
  if [ $((SECONDS - start)) -ge "$limit" ]; then
    [ "$mode" = sleep ] && { echo "done $((SECONDS - start))"; exit 0; }
    echo "timeout $((SECONDS - start))"; exit 3
  fi
  sleep "$pause"
done
match=
if [ "$mode" = path ] && [ -n "$search" ] && [ "$until" = success ]; then match=$(grep -Em1 -- "$search" "$path" | base64 -w0); fi
echo "done $((SECONDS - start)) $match"`;

/** The command for one wait. */
export function waitCommand(w: WaitSpec): Command {
  return ['bash', '-c', SCRIPT, 'tsible-wait_for', w.mode, w.host, String(w.port), w.path, w.search, w.until, String(w.timeout), String(w.delay), String(w.sleep), String(w.connectTimeout)];
}
