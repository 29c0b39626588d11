/** One finding of a detector model analysis, in the shape GetDetectorModelAnalysisResults returns. */
export interface AnalysisResult {
  /** One of AWS's seven analysis types (`structure`, `expression-syntax`, …). */
  readonly type: string;
  readonly level: 'INFO' | 'WARNING' | 'ERROR';
  readonly message: string;
  /** Where in the definition, as JSON paths (`states[0].onInput.events[0].condition`). */
  readonly locations: readonly { readonly path: string }[];
}

/** A detector model analysis (StartDetectorModelAnalysis) and its results. Times are epoch ms. */
export interface AnalysisRecord {
  readonly analysisId: string;
  readonly status: 'RUNNING' | 'COMPLETE' | 'FAILED';
  readonly results: readonly AnalysisResult[];
  readonly createdAt: number;
  /** After this the analysis is gone (AWS kept results for 24 hours). */
  readonly expiresAt: number;
}

/** Where analyses are kept until they expire. */
export interface AnalysisStore {
  put(record: AnalysisRecord): Promise<void>;
  /** The analysis, or undefined when it never existed or expired before `now`. */
  get(analysisId: string, now: number): Promise<AnalysisRecord | undefined>;
}
