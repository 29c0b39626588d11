/** Replaying messages and operator actions through detector and alarm models in virtual time (`vigil simulate`, tests). */
export { DEFAULT_MAX_LOOPBACKS } from './loop-back';
export { MessagesFileError, parseMessagesFile, readMessages, readReplay, type ReplayItem } from './messages-file';
export type { AlarmCause, AlarmTrace, SimulatedMessage, SimulationEvent, SimulationOptions } from './events';
export { OPERATOR_MEMBER, type SimulatedOperatorAction } from './operator-line';
export { Simulator } from './simulator';
