import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import type { ImageOp, ImageReply } from './image-worker.ts';
import type { InspectedImage, RenderedDerivative } from './media.pipeline.ts';
import { mediaMaxBytes } from './media.schema.ts';

/** How long an idle worker is kept for the next image (an upload often comes with others). */
const idleMs = 30_000;

let worker: ChildProcess | null = null;
let nextId = 1;
let idleTimer: NodeJS.Timeout | undefined;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: unknown) => void }>();

// The built server (dist/server/main.js) has the worker built beside it; the sources run it through tsx.
function workerEntry(): { file: string; execArgv: string[] } {
  const built = import.meta.url.endsWith('.js');
  return {
    file: fileURLToPath(new URL(built ? './image-worker.js' : './image-worker.ts', import.meta.url)),
    execArgv: built ? [] : ['--import', 'tsx'],
  };
}

function failAll(error: unknown): void {
  for (const { reject } of pending.values()) reject(error);
  pending.clear();
}

function start(): ChildProcess {
  const { file, execArgv } = workerEntry();
  const child = fork(file, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('message', (reply: ImageReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else
      waiting.reject(new AppError(reply.error.code as ErrorCode, reply.error.message, reply.error.details));
    if (pending.size === 0) idle();
  });
  child.on('exit', () => {
    if (worker === child) worker = null;
    // A worker that died mid-image (a decoder crash, memory exhausted) fails only those images.
    failAll(new AppError('image_unreadable', 'The image could not be processed'));
  });
  child.on('error', (err) => failAll(err));
  return child;
}

// An idle worker neither keeps the server alive nor stays for long.
function idle(): void {
  const child = worker;
  if (!child) return;
  child.unref();
  child.channel?.unref();
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pending.size === 0 && worker === child) {
      worker = null;
      child.disconnect();
    }
  }, idleMs);
  idleTimer.unref();
}

function send<T>(op: ImageOp, bytes: Uint8Array): Promise<T> {
  clearTimeout(idleTimer);
  worker ??= start();
  worker.ref();
  worker.channel?.ref();
  const id = nextId++;
  const child = worker;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    child.send({ id, op, bytes }, (err) => {
      if (!err) return;
      pending.delete(id);
      reject(err);
    });
  });
}

/** Inspects an upload in the image worker (see `inspectImageUpload`). */
export function inspectImage(bytes: Uint8Array): Promise<InspectedImage> {
  // Refused here already: an oversized file is never copied to the worker.
  if (bytes.byteLength > mediaMaxBytes) return Promise.reject(new AppError('image_too_large'));
  return send('inspect', bytes);
}

/** Renders an inspected upload's public derivatives in the image worker (see `renderImage`). */
export async function renderImageDerivatives(bytes: Uint8Array): Promise<RenderedDerivative[]> {
  const rendered = await send<RenderedDerivative[]>('render', bytes);
  return rendered.map((d) => ({ ...d, bytes: Buffer.from(d.bytes) }));
}

/** A JPEG of an SVG drawing (the demo college's pictures). */
export async function svgToJpeg(svg: string): Promise<Buffer> {
  return Buffer.from(await send<Uint8Array>('svg-to-jpeg', Buffer.from(svg)));
}

/** The running image worker's process id, if one runs. */
export function imageWorkerPid(): number | undefined {
  return worker?.pid;
}

/** Stops the worker now (tests, shutdown). */
export function stopImageWorker(): void {
  clearTimeout(idleTimer);
  const child = worker;
  worker = null;
  child?.kill();
}
