export default async function teardown() {
  const services = globalThis.__VIGIL_SERVICES__;
  if (!services) return;
  await services.fauxqs.stop();
  if (services.dynamo.exitCode === null) {
    const exited = new Promise((resolve) => services.dynamo.once('exit', resolve));
    services.dynamo.kill();
    await exited;
  }
}
