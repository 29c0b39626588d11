/**
 * The composition root: builds from `Config` what each Lambda function uses, one builder per
 * function (`./ingest`, `./dispatch`, …). A function imports its own builder's file, never this
 * module: its bundle holds what it imports, and it must load only the clients it uses
 * (test/functions/lean-bundles.test.ts checks every bundle). Tests and benchmarks use the runtime
 * of every function at once, from here.
 */
export { createRuntime, type Runtime } from './runtime';
export type { RuntimeClients } from './stores';
