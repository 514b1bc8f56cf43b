import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

const PUBLIC_METHODS = new Set(['GET', 'HEAD']);

/** Response headers a browser script on another origin may read. */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'X-Content-SHA256',
  'ETag',
  'Content-Disposition',
  'Retry-After',
].join(', ');

/**
 * CORS for a public register: any origin may read (GET, HEAD) without credentials; nothing else
 * is CORS-enabled, so a preflight for a write gets no Access-Control-Allow-* headers and the
 * browser refuses it. Cookies are not used at all, and Authorization is not an allowed header,
 * so a cross-origin page can only read what is public.
 */
export function corsForPublicReads(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    const preflightMethod = req.headers['access-control-request-method'];
    if (req.method === 'OPTIONS' && typeof preflightMethod === 'string') {
      if (PUBLIC_METHODS.has(preflightMethod.toUpperCase())) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    if (PUBLIC_METHODS.has(req.method)) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    next();
  };
}

/**
 * helmet's defaults (CSP, HSTS, nosniff, frame options …) and no X-Powered-By. Served over
 * plain http (PUBLIC_BASE_URL http://…), HSTS and upgrade-insecure-requests would only break
 * the API documentation page, so they are left out there.
 */
export function securityHeaders(publicBaseUrl: string): RequestHandler {
  const https = publicBaseUrl.startsWith('https:');
  return helmet({
    // Documents (minutes, extracts) are meant to be read from other sites' links.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: https,
    contentSecurityPolicy: {
      directives: { upgradeInsecureRequests: https ? [] : null },
    },
  }) as RequestHandler;
}

/**
 * Errors the body parsers raise before Nest sees the request (too large, malformed JSON,
 * unsupported charset) as problem documents with their own 4xx status.
 */
export function bodyParserErrors() {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    const e = error as { status?: unknown; type?: unknown; expose?: unknown };
    if (
      !error ||
      typeof e.status !== 'number' ||
      e.status < 400 ||
      e.status >= 500 ||
      typeof e.type !== 'string'
    ) {
      next(error);
      return;
    }
    const tooLarge = e.status === 413;
    res
      .status(e.status)
      .type('application/problem+json')
      .json({
        type: tooLarge ? '/problems/payload-too-large' : '/problems/validation',
        title: tooLarge ? 'Request body too large' : 'Invalid request',
        status: e.status,
        detail: tooLarge
          ? 'The request body is larger than the server accepts'
          : 'The request body could not be read',
        instance: req.originalUrl,
      });
  };
}
