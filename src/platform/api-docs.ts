import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The API documentation page: Swagger UI from its npm package (no CDN), reading /api/openapi.json,
 * started by a script file of our own so the strict Content-Security-Policy holds (no inline script).
 */
const files = new Map<string, { type: string; body: Buffer }>();

function dist(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** The files the page loads, by name; read once, on first use. */
export function apiDocsFile(name: string): { type: string; body: Buffer } | undefined {
  const known: Record<string, string> = {
    'swagger-ui.css': 'text/css; charset=utf-8',
    'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
    'start.js': 'text/javascript; charset=utf-8',
  };
  const type = known[name];
  if (!type) return undefined;
  let file = files.get(name);
  if (!file) {
    const body =
      name === 'start.js'
        ? Buffer.from(
            "window.addEventListener('load', () => {\n  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true, tryItOutEnabled: false, displayOperationId: true });\n});\n",
          )
        : readFileSync(join(dist(), name));
    file = { type, body };
    files.set(name, file);
  }
  return file;
}

/** The page itself. */
export function apiDocsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Concord API</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="docs"><noscript>The API documentation needs JavaScript; the document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`;
}
