/** @module Local stack (HTTP edge): which Host and Origin headers the local server answers, so DNS rebinding cannot reach it. */

/*
 * A page on `evil.example` whose DNS name is re-pointed at 127.0.0.1 talks to this server as a
 * same-origin page: its requests carry `Host: evil.example:3000` and `Origin: http://evil.example:3000`,
 * so comparing Origin with Host proves nothing. The Host header, though, always names what the
 * browser thinks it is talking to, so the server answers only host names that can only mean this
 * machine (or exactly the host it was told to listen on), and only Origins made of those names and
 * its own port.
 */

export interface HostGuardOptions {
  /** The host the server listens on (`127.0.0.1` by default); a non-loopback one is allowed by that exact name. */
  listenHost?: string;
  /** The port the server listens on; an Origin must name it. */
  port: number;
}

export interface HostGuard {
  /** Undefined when the request may go on; otherwise a one-line reason to refuse it. */
  refusal(headers: { host?: string | undefined; origin?: string | undefined }, method: string): string | undefined;
}

/** Characters that have no place in a Host header: anything that would make it a URL with a path, user or query. */
const NOT_A_HOST = /[\s/\\@?#]/;

/** The host name of a Host header (or an Origin's authority), as a browser would resolve it; undefined when it is not one. */
export function hostnameOf(authority: string): string | undefined {
  if (authority === '' || NOT_A_HOST.test(authority)) return undefined;
  try {
    // WHATWG URL normalises what browsers normalise: case, `127.1`, `0x7f.0.0.1`, `[0:0::1]`.
    return new URL(`http://${authority}`).hostname;
  } catch {
    return undefined;
  }
}

/** 127.0.0.0/8, `localhost` and `[::1]`: names no DNS answer can point elsewhere. */
export function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export function createHostGuard(options: HostGuardOptions): HostGuard {
  const listen = options.listenHost === undefined ? undefined : hostnameOf(options.listenHost.includes(':') && !options.listenHost.startsWith('[') ? `[${options.listenHost}]` : options.listenHost);
  // Told to listen on a LAN address (or on 0.0.0.0), clients on the LAN address it by that exact name; no DNS name is ever allowed.
  const extra = listen && !isLoopbackHostname(listen) ? listen : undefined;
  const allowedName = (hostname: string | undefined): boolean => hostname !== undefined && (isLoopbackHostname(hostname) || hostname === extra);

  const allowedOrigin = (origin: string): boolean => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    const port = url.port === '' ? 80 : Number(url.port);
    return url.protocol === 'http:' && url.origin === origin && allowedName(url.hostname) && port === options.port;
  };

  return {
    refusal(headers, method) {
      const host = headers.host;
      if (!host) return 'the request has no Host header; this local server answers only requests addressed to this machine';
      if (!allowedName(hostnameOf(host))) {
        return `Host "${host.slice(0, 100)}" is not this machine; the local server answers only loopback names (127.0.0.1, localhost, [::1])${extra ? ` and ${extra}` : ''}`;
      }
      // A browser sends Origin on cross-site requests and on same-site POSTs; non-browser clients send none.
      const origin = headers.origin;
      if (origin !== undefined && method !== 'GET' && method !== 'HEAD' && !allowedOrigin(origin)) {
        return `cross-site requests are not accepted (Origin "${origin.slice(0, 100)}" is not this server)`;
      }
      return undefined;
    },
  };
}
