// Runs fauxqs in its own Node process for the dispatch integration test: fauxqs is ESM-only and
// jest (CommonJS here) cannot load it. Prints the server address on the first line of stdout and
// stops the server when stdin closes, so the parent controls its lifetime.
import { startFauxqs } from 'fauxqs';

const server = await startFauxqs({ port: 0, logger: false });
process.stdout.write(`${server.address}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
