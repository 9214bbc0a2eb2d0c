// Flag parsing shared by the subcommands: node's parseArgs, with its errors turned into CliError.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<T> {
  values: T;
  positionals: string[];
  /** Set when --help was given: the caller prints it and exits 0. */
  help: boolean;
}

export function parseCommandArgs<T>(argv: string[], options: Options): Parsed<T> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const help = Boolean((values as Record<string, unknown>).help);
    return { values: values as T, positionals, help };
  } catch (e) {
    throw new CliError((e as Error).message.split('\n')[0]);
  }
}

/** One value out of a fixed set, or a CliError naming the allowed ones. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}
