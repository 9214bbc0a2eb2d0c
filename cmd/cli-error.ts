// Exit codes and the one error type the CLI turns into "one clear line, exit 2".
export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

/** Bad input of any kind: usage, unreadable or malformed files, unknown versions, missing runtime. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
