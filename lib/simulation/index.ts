/** Replaying messages through detector models in virtual time (`vigil simulate`, tests). */
export { DEFAULT_MAX_LOOPBACKS } from './loop-back';
export { MessagesFileError, parseMessagesFile, readMessages } from './messages-file';
export { Simulator, type SimulatedMessage, type SimulationEvent, type SimulationOptions } from './simulator';
