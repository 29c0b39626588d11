/**
 * The length of `text` in UTF-8 bytes, as `Buffer.byteLength(text, 'utf8')` counts it (a lone
 * surrogate is written as U+FFFD, three bytes), without Buffer: the pure core runs anywhere. The
 * one count behind every byte limit: message payloads, action payloads, content expressions.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
