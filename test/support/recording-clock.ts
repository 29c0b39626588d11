import { VirtualClock } from '../../local/virtual-clock';

/** A virtual clock that also remembers every sleep it was asked for (backoff delays). */
export class RecordingClock extends VirtualClock {
  readonly sleeps: number[] = [];

  override async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    await super.sleep(ms);
  }
}
