export default async function teardown() {
  const services = globalThis.__VIGIL_SERVICES__;
  if (!services) return;
  await Promise.all([services.fauxqs.stop(), services.dynamo.stop()]);
}
