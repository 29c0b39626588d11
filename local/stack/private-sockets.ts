import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Socket paths only this user can connect to, and how to remove them. */
export interface PrivateSockets {
  /** The path of the socket called `name`. */
  path(name: string): string;
  remove(): void;
}

/**
 * A fresh folder of Unix sockets readable by this user only (mkdtemp creates it with mode 0700,
 * and connecting to a socket needs search permission on its folder): what listens there is out of
 * reach of other users, of the network and of web pages. On Windows, named pipes with a random name.
 */
export function privateSockets(): PrivateSockets {
  if (process.platform === 'win32') {
    const id = randomBytes(8).toString('hex');
    return { path: (name) => `\\\\.\\pipe\\vigil-${id}-${name}`, remove: () => undefined };
  }
  // Short: a socket path may not exceed about 100 bytes.
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
  return { path: (name) => path.join(folder, `${name}.sock`), remove: () => rmSync(folder, { recursive: true, force: true }) };
}
