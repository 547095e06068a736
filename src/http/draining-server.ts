/**
 * The HTTP server's half of a draining shutdown (main.ts has the whole of it):
 * once `drain()` is called it accepts no new connection, answers any new
 * request on a connection already open (keep-alive) with 503 `SHUTTING_DOWN`
 * and `Connection: close`, lets the requests in flight finish — each answered
 * with `Connection: close` — and resolves when none is left.
 *
 * Idle keep-alive connections stay open while requests drain (and a moment
 * after): closing one under a client that is just sending its next request
 * would lose that request, while answering it tells the client to go elsewhere.
 */
import http from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';
import { DomainError } from '../domain/errors.js';
import { errorResponseBody } from '../schema/errors.js';

export interface DrainingServer {
  readonly server: http.Server;
  /** Requests being served. */
  inFlight(): number;
  /** Open connections (in flight or idle). */
  connections(): number;
  /** Stops accepting and refuses new requests; resolves once the requests in flight are answered. */
  drain(): Promise<void>;
  /**
   * After the drain: waits up to `lingerMs` for idle keep-alive connections to
   * send a last request (answered 503) or close, then closes them.
   */
  closeIdle(lingerMs: number): Promise<void>;
  /** At the deadline: answers every request still in flight 503 (when it has not started its answer) and closes every connection. */
  abort(): void;
}

const SHUTTING_DOWN_BODY = JSON.stringify(errorResponseBody(new DomainError('SHUTTING_DOWN', 'The server is shutting down; send the request again (another instance will answer)', { retryAfterSeconds: 1 })));

function refuseWhileStopping(res: http.ServerResponse): void {
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '1', 'content-length': Buffer.byteLength(SHUTTING_DOWN_BODY) });
  res.end(SHUTTING_DOWN_BODY);
}

export function createDrainingServer(handler: http.RequestListener): DrainingServer {
  let draining = false;
  const active = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();
  let drained: (() => void) | null = null;
  let allClosed: (() => void) | null = null;

  const server = http.createServer((req, res) => {
    if (draining) return refuseWhileStopping(res);
    active.add(res);
    res.once('close', () => {
      active.delete(res);
      if (draining && active.size === 0) drained?.();
    });
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) allClosed?.();
    });
  });

  return {
    server,
    inFlight: () => active.size,
    connections: () => sockets.size,
    drain() {
      draining = true;
      // net.Server's own close: stop listening. http.Server#close would also close idle keep-alive connections at once.
      net.Server.prototype.close.call(server);
      // Answers in flight close their connection once sent.
      for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close');
      if (active.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => (drained = resolve));
    },
    async closeIdle(lingerMs) {
      if (sockets.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, lingerMs);
          allClosed = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeIdleConnections();
    },
    abort() {
      for (const res of active) {
        if (!res.headersSent) refuseWhileStopping(res);
      }
      server.closeAllConnections();
    },
  };
}
