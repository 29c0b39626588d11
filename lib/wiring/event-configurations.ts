/**
 * The `Custom::VigilEventConfigurations` resource's parts, as its handler reaches them: handlers
 * import the wiring, never an adapter (docs/architecture.md, "Layers").
 */
export type { CfnResponseBody } from '../adapters/cfn-response';
export { eventConfigurationsResponse } from '../adapters/iot/event-configurations-resource';
export { eventConfigurationsDeps, type EventConfigurationsDeps } from '../adapters/iot/event-configurations-deps';
