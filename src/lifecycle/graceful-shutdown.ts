import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ShutdownResult {
  /** Requests still running when the grace period ended (their connections were cut). */
  cutOff: number;
  /** Milliseconds from the start of the shutdown until the server was closed. */
  tookMs: number;
}

/**
 * Graceful stop of an HTTP server: stop accepting connections, let every request already
 * received finish (answering it with `Connection: close`), close idle keep-alive connections
 * at once and each busy one as soon as its response is sent. Only after `graceMs` are the
 * connections still busy cut. Attach before the server takes requests.
 */
export class GracefulShutdown {
  private readonly sockets = new Map<Socket, number>();
  private readonly responses = new Set<ServerResponse>();
  private stopping = false;
  private drained: (() => void) | null = null;
  private seen = 0;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.set(socket, 0);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.checkDrained();
      });
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.seen += 1;
      const socket = req.socket;
      this.sockets.set(socket, (this.sockets.get(socket) ?? 0) + 1);
      this.responses.add(res);
      if (this.stopping) res.setHeader('Connection', 'close');
      res.once('close', () => {
        this.responses.delete(res);
        const left = (this.sockets.get(socket) ?? 1) - 1;
        if (this.sockets.has(socket)) this.sockets.set(socket, left);
        if (this.stopping && left === 0) socket.end();
        this.checkDrained();
      });
    });
  }

  /** Requests received so far (for tests and logs). */
  get requestsSeen(): number {
    return this.seen;
  }

  /** Requests being answered right now. */
  get activeRequests(): number {
    let active = 0;
    for (const count of this.sockets.values()) active += count;
    return active;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async shutdown(graceMs: number): Promise<ShutdownResult> {
    const started = Date.now();
    this.stopping = true;
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
    // Busy connections answer with Connection: close from now on; idle ones go now.
    for (const res of this.responses) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }
    // Node's own notion of idle: its parser has not started a request on the connection. A
    // count of 'request' events would miss a request whose headers are still arriving.
    this.server.closeIdleConnections();
    const drained = new Promise<void>((resolve) => {
      this.drained = resolve;
      this.checkDrained();
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    });
    const expired = await Promise.race([drained.then(() => false), timedOut]);
    clearTimeout(timer);
    const cutOff = expired ? this.activeRequests : 0;
    if (!expired) {
      // Every response is out; give clients a moment to close their ends, then close ours.
      const linger = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.min(1000, graceMs));
      });
      await Promise.race([closed, linger]);
      clearTimeout(timer);
    }
    for (const socket of this.sockets.keys()) socket.destroy();
    await closed;
    return { cutOff, tookMs: Date.now() - started };
  }

  private checkDrained(): void {
    if (this.drained && this.activeRequests === 0) {
      // Half-closed sockets still flushing their last response close by themselves.
      const resolve = this.drained;
      this.drained = null;
      resolve();
    }
  }
}
