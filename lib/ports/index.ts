/** Ports: the interfaces between the runtime and the outside world. Types only, plus tiny helpers. */
export * from './action-dispatcher';
export * from './analysis-store';
export * from './clock';
export * from './dead-letters';
export * from './detector-scan';
export * from './detector-store';
export * from './ingest-envelope';
export * from './message-id-store';
export * from './model-registry';
export * from './model-repository';
export * from './requeue';
export * from './role-pass-check';
export * from './scheduler-state';
export * from './telemetry';
export * from './timer-sweep-state';
export * from './trace-store';
export * from './wakeup-store';
