import { buildConsole } from '../../local/console/build-console';
import { startConsoleServer } from '../../local/console/console-server';
import { DEFAULT_PORTS, PORT_VARIABLES } from '../../local/stack/ports';
import { API_OPTIONS, API_OPTIONS_HELP, parseCommandLine, printHelp, withApi } from '../api-client';
import { EXIT, UsageError, type CommandIo } from '../io';

const { json: _json, ...OPTIONS } = { ...API_OPTIONS, profile: { type: 'string' }, port: { type: 'string' } } as const;

const HELP = `usage: vigil console [--endpoint <url>] [--region <region>] [--profile <name>] [--port <n>]

Serves the Vigil Console on http://127.0.0.1:<port> for a Vigil API: a deployed stack
(--endpoint https://….execute-api.<region>.amazonaws.com) or a local one. The browser talks
only to this server; it forwards the console's calls to the API signed with SigV4 for
execute-api with your AWS credentials (the default credential chain, or --profile's), so no
credential reaches the browser and nothing new is exposed in the account. \`npm start\` serves
the same console for the local stack by itself. Ctrl-C stops.

options:
${API_OPTIONS_HELP.split('\n').filter((line) => !line.includes('--json')).join('\n')}
  --profile <name>   the AWS profile whose credentials sign (default: the default chain)
  --port <n>         the port on 127.0.0.1 (default $${PORT_VARIABLES.console} or ${DEFAULT_PORTS.console}; 0 picks a free one)

exit status: 0 stopped, 1 cannot serve (port taken, no credentials), 2 bad command line, 3 no API found.`;

/** Resolves on Ctrl-C or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * `vigil console`: the console server ({@link startConsoleServer}) for the API `withApi` finds,
 * signing with the data client's own credentials and region, as `vigil trace` signs its calls.
 * Prints `Console <url> → <endpoint>` once serving, then runs until `stopped` resolves.
 */
export async function consoleCommand(args: string[], io: CommandIo, stopped: Promise<void> = untilSignal(), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, HELP);
  if (values.help) return printHelp(io, HELP);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n\n${HELP}`);
  const port = Number(values.port ?? env[PORT_VARIABLES.console] ?? DEFAULT_PORTS.console);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0 for any free port), not '${values.port ?? env[PORT_VARIABLES.console]}'`);
  return withApi(io, 'console', values, async ({ endpoint, data }) => {
    const { credentials } = data.config;
    // Asked once now, so missing credentials are said at start, not on the first page load.
    await credentials();
    const region = await data.config.region();
    let server;
    try {
      server = await startConsoleServer({ port, files: await buildConsole(), api: { endpoint, region, credentials }, log: (message, error) => io.err(`vigil console: ${message}${error ? `: ${error.message}` : ''}`) });
    } catch (error) {
      io.err(`vigil console: ${(error as Error).message}`);
      return EXIT.invalid;
    }
    io.out(`Console ${server.url} → ${endpoint} (${region}; Ctrl-C stops)`);
    await stopped;
    await server.stop();
    return EXIT.ok;
  }, env);
}
