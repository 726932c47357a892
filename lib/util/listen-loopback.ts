import type { AddressInfo, Server } from 'node:net';

/**
 * Listens on 127.0.0.1 on a port the OS picks (the sandbox's and the tests' local servers never
 * listen on another interface) and resolves with that port; a listen error rejects.
 */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
