/**
 * Commands set the exit code instead of calling process.exit, so output piped to another
 * program is flushed in full before the process ends.
 */
export function setExit(code: number): void {
  if (code !== 0) process.exitCode = code;
}
