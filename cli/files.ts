import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
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

/**
 * Reads a file one chunk of bytes at a time (1 MiB each, a new buffer each, so a consumer may keep
 * what it has not read yet), so a file of any size streams in bounded memory. "Not found" and other read failures
 * become usage errors that name the file.
 */
export function* readChunks(path: string, chunkBytes = 1 << 20): Generator<Uint8Array> {
  const fail = (error: unknown) => new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw fail(error);
  }
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      let read: number;
      try {
        read = readSync(fd, buffer, 0, chunkBytes, null);
      } catch (error) {
        throw fail(error);
      }
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
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
