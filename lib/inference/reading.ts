/** One record of the history: a key's numeric attribute values at a time. */
export interface Reading {
  /** The detector key's value; `''` when the model has no key (one detector for all). */
  readonly key: string;
  /** Epoch ms. */
  readonly time: number;
  /** Numeric attributes of the record, by name. */
  readonly values: ReadonlyMap<string, number>;
}
