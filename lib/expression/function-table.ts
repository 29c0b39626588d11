import { BUILT_INS, type BuiltIn } from './functions';
import { VIGIL_FUNCTIONS } from './vigil-functions';

/** Every function an expression may call: AWS IoT Events' documented ones, then Vigil's extensions. */
export const FUNCTIONS: Readonly<Record<string, BuiltIn>> = { ...BUILT_INS, ...VIGIL_FUNCTIONS };

/**
 * The functions whose result depends on the evaluation cycle, not only on their arguments: an
 * expression calling one is never folded to a constant, by the compiler or by the analysis.
 */
export const CONTEXT_FUNCTIONS: ReadonlySet<string> = new Set(['timeout', 'triggerType', 'currentInput', 'vigil_timestamp']);
