/**
 * `vigil infer`'s statistics: learn baselines and thresholds from a history of readings, in two
 * streaming passes of bounded memory, and write them as detector and alarm models. Pure: the
 * caller reads the file and hands over {@link Reading}s.
 */
export { alarmModels, baselineInputName, formatRate, thresholdOf, type AlarmModels } from './alarm-models';
export { ChartCollector, type ChartPoint, type ChartSeries } from './chart-series';
export { ATTRIBUTES_PER_MODEL, detectorModels, type ModelNames } from './detector-model';
export { DEFAULT_MAX_RATE, MODEL_PARAMETERS, RESERVOIR_SIZE } from './parameters';
export { readHistoryLines, stringLines, type HistoryOptions, type NumberedLine, type Problem } from './history-reader';
export { inferFromHistory } from './infer-history';
export { HistoryProfile, type Baseline } from './profile';
export { poissonUpperBound, propose, replaySettings, robustSigma, type AttributeProposal, type Choice, type Proposal } from './proposal';
export type { Reading } from './reading';
export { ModelReplay } from './replay';
export { inputDefinition, proposalSummary, reportLines } from './report';
export { Reservoir, medianAndMad, quantile } from './reservoir';
