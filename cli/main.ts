import { evalCommand } from './commands/eval';
import { simulateCommand } from './commands/simulate';
import { validateCommand } from './commands/validate';
import { EXIT, UsageError, processIo, type CommandIo } from './io';

/** A subcommand: receives its own arguments, returns the exit code. */
export type Command = (args: string[], io: CommandIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  eval: { run: evalCommand, summary: 'evaluate an IoT Events expression' },
  validate: { run: validateCommand, summary: 'check a detector model file, reporting every problem' },
  simulate: { run: simulateCommand, summary: 'replay messages through a detector model in virtual time' },
};

const USAGE = [
  'usage: vigil <command> [options]',
  '',
  'commands:',
  ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(18)} ${summary}`),
  '',
  'Run `vigil <command> --help` for the options of a command.',
].join('\n');

/** Runs the `vigil` command line and returns the process exit code. */
export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`vigil: unknown command '${name}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`vigil ${name}: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}
