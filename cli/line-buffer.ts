import type { CommandIo } from './io';

/**
 * Output lines gathered into blocks of about 64 KB: one write per block instead of one per line,
 * which costs more than the replay of a message. Memory stays bounded: a full block is written.
 */
export class LineBuffer {
  private lines: string[] = [];
  private size = 0;

  constructor(private readonly io: CommandIo) {}

  /** Adds one line, writing the block once it is full. */
  line(text: string): void {
    this.lines.push(text);
    this.size += text.length + 1;
    if (this.size >= 65_536) this.flush();
  }

  /** Writes what is gathered. */
  flush(): void {
    if (this.lines.length) this.io.out(this.lines.join('\n'));
    this.lines = [];
    this.size = 0;
  }
}
