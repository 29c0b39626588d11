import { readChunks } from './files';

/** The lines of a UTF-8 file, numbered from 1, read a chunk at a time (memory holds one chunk and one line). */
export function* textLines(path: string): Generator<{ line: number; text: string }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  for (const chunk of readChunks(path)) {
    const text = pending + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield { line: ++line, text: text.slice(start, end).replace(/\r$/, '') };
      start = end + 1;
    }
    pending = text.slice(start);
  }
  pending += decoder.decode();
  if (pending) yield { line: line + 1, text: pending.replace(/\r$/, '') };
}
