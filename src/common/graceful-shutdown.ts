import type { Server } from 'node:http';

/**
 * Tracks the requests in flight on an HTTP server so a shutdown can stop accepting, let each
 * running request finish with its database still there, and only then go on.
 */
export function trackRequests(server: Server): { drain(timeoutMs: number): Promise<void> } {
  let active = 0;
  let closing = false;
  let drained: (() => void) | undefined;
  server.on('request', (_req, res) => {
    active += 1;
    // A request that still arrives on an open keep-alive connection is served, then the
    // connection is closed.
    if (closing) res.setHeader('Connection', 'close');
    res.on('close', () => {
      active -= 1;
      if (closing && active === 0) drained?.();
    });
  });
  return {
    drain(timeoutMs) {
      closing = true;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done(): void {
          clearTimeout(timer);
          server.closeAllConnections();
          resolve();
        }
        drained = done;
        server.close(() => done());
        server.closeIdleConnections();
        if (active === 0) done();
      });
    },
  };
}
