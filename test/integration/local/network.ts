import http from 'node:http';
import net from 'node:net';
import os from 'node:os';

/** An address of this machine that is not loopback (IPv4 first), or undefined when it has none. */
export function nonLoopbackAddress(): string | undefined {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((entry): entry is os.NetworkInterfaceInfo => entry !== undefined && !entry.internal && !entry.address.startsWith('fe80:'));
  return (addresses.find((entry) => entry.family === 'IPv4') ?? addresses[0])?.address;
}

/** Whether a TCP connection to host:port is accepted (`accepted`) or refused (the error code). */
export function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** POSTs `body` to `endpoint` with the Host header given (fetch always sends the URL's); resolves with the status. */
export function postWithHost(endpoint: string, host: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(endpoint, { method: 'POST', headers: { ...headers, host } }, (response) => {
      response.resume();
      resolve(response.statusCode as number);
    });
    request.once('error', reject);
    request.end(body);
  });
}
