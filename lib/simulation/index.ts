/** Replaying messages through detector models in virtual time (`vigil simulate`, tests). */
export { MessagesFileError, parseMessagesFile } from './messages-file';
export { Simulator, type SimulatedMessage, type SimulationEvent } from './simulator';
