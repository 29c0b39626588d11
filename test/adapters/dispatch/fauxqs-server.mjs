// Runs fauxqs in its own Node process for the dispatch integration test: fauxqs is ESM-only and
// jest (CommonJS here) cannot load it. Prints the server address on the first line of stdout and
// stops the server when stdin closes, so the parent controls its lifetime. On 127.0.0.1 only, as
// the local stack runs it (fauxqs' own startFauxqs listens on every interface).
import { buildApp } from 'fauxqs';

const app = buildApp({ logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${address}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await app.close();
  process.exit(0);
});
