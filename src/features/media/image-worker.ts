/**
 * The image worker: a child process that does all of Concord's image decoding and encoding, so
 * libvips and its caches never live in the server process (it would carry them for its lifetime)
 * and a decoder that fails badly takes only this process down. Started by image-process.ts.
 * Each message `{ id, op, bytes }` is answered with `{ id, ok, result }` or `{ id, ok: false, error }`.
 */
import { AppError } from '../../platform/errors.ts';
import { inspectImageUpload, renderIcons, renderImage } from './media.pipeline.ts';
import { loadSharp } from './sharp-loader.ts';

export type ImageOp = 'inspect' | 'render' | 'icons' | 'svg-to-jpeg';

export interface ImageRequest {
  id: number;
  op: ImageOp;
  bytes: Uint8Array;
}

export type ImageReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: string; message: string; details?: unknown } };

async function run(op: ImageOp, bytes: Uint8Array): Promise<unknown> {
  if (op === 'inspect') return inspectImageUpload(bytes);
  if (op === 'render') return renderImage(bytes);
  if (op === 'icons') return renderIcons(bytes);
  const sharp = await loadSharp();
  return sharp(Buffer.from(bytes)).jpeg({ quality: 88 }).toBuffer();
}

if (process.send) {
  process.on('message', (message: ImageRequest) => {
    run(message.op, message.bytes).then(
      (result) => process.send?.({ id: message.id, ok: true, result } satisfies ImageReply),
      (err: unknown) =>
        process.send?.({
          id: message.id,
          ok: false,
          error:
            err instanceof AppError
              ? { code: err.code, message: err.message, details: err.details }
              : {
                  code: 'internal', // not the image's fault (the pipeline reports those itself)
                  message: String(err instanceof Error ? err.message : err).slice(0, 200),
                },
        } satisfies ImageReply),
    );
  });
  // The server went away: so does its worker.
  process.on('disconnect', () => process.exit(0));
}
