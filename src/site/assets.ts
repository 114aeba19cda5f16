import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A static file held in memory with its content hash, served with a long cache lifetime. */
export interface Asset {
  body: string;
  type: string;
  hash: string;
  url: string;
}

function loadAsset(file: string, type: string, name: string): Asset {
  const body = readFileSync(new URL(file, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, type, hash, url: `/assets/${name}?v=${hash}` };
}

/** The public site's stylesheet. */
export const siteCss = loadAsset('../../src/site/site.css', 'text/css; charset=utf-8', 'site.css');
