import { readFileSync } from 'node:fs';
import { JsonNestingError, checkJsonTextNesting, parseTypedJson } from '../lib/expression';
import { UsageError } from './io';

/** Reads a file as text, turning "not found" into a usage error that names the file. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Reads a JSON file (losslessly: integers and decimals keep their type). */
export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return parseTypedJson(text);
  } catch (error) {
    throw unreadable(path, error as Error);
  }
}

/**
 * Reads a file in which JSON numbers are plain metadata (model and input files). Integers come
 * back as JavaScript numbers, as the AWS SDK would give them.
 */
export function readPlainJson(path: string): unknown {
  const text = readText(path);
  try {
    // JSON.parse itself copes with any depth, but everything after it (validation, copies, the
    // SDK's serialiser) recurses: refuse what nests too deeply, as the API does.
    checkJsonTextNesting(text);
    return JSON.parse(text);
  } catch (error) {
    throw unreadable(path, error as Error);
  }
}

function unreadable(path: string, error: Error): UsageError {
  return new UsageError(error instanceof JsonNestingError ? `${path}: ${error.message}` : `${path} is not valid JSON: ${error.message}`);
}
