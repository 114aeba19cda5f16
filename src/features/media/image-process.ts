import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import type { ImageOp, ImageReply } from './image-worker.ts';
import type { InspectedImage, RenderedDerivative } from './media.pipeline.ts';
import { mediaMaxBytes } from './media.schema.ts';

/** How long an idle worker is kept for the next image (an upload often comes with others). */
const idleMs = 30_000;
/** The longest one image may take; a decoder that hangs longer is stopped. */
const imageTimeoutMs = 60_000;

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  timer: NodeJS.Timeout;
}

/** A worker process and the images it is working on. */
interface Worker {
  child: ChildProcess;
  pending: Map<number, Waiting>;
  idleTimer?: NodeJS.Timeout;
}

let current: Worker | null = null;
let nextId = 1;

// The built server (dist/server/main.js) has the worker built beside it; the sources run it through
// tsx, resolved from this project whatever the working directory.
function workerEntry(): { file: string; execArgv: string[] } {
  const built = import.meta.url.endsWith('.js');
  return {
    file: fileURLToPath(new URL(built ? './image-worker.js' : './image-worker.ts', import.meta.url)),
    execArgv: built ? [] : ['--import', import.meta.resolve('tsx')],
  };
}

function settle(worker: Worker, id: number, outcome: { value: unknown } | { error: unknown }): void {
  const waiting = worker.pending.get(id);
  if (!waiting) return;
  worker.pending.delete(id);
  clearTimeout(waiting.timer);
  if ('error' in outcome) waiting.reject(outcome.error);
  else waiting.resolve(outcome.value);
  if (worker.pending.size === 0) idle(worker);
}

function start(): Worker {
  const { file, execArgv } = workerEntry();
  const child = fork(file, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const worker: Worker = { child, pending: new Map() };
  child.on('message', (reply: ImageReply) => {
    settle(
      worker,
      reply.id,
      reply.ok
        ? { value: reply.result }
        : { error: new AppError(reply.error.code as ErrorCode, reply.error.message, reply.error.details) },
    );
  });
  // A worker that dies (a decoder crash, memory exhausted, killed) fails the images it was working
  // on, as the server's fault rather than the image's; the next image starts a new worker.
  const failAll = (reason: string) => {
    if (current === worker) current = null;
    if (worker.pending.size > 0) process.emitWarning(`The image worker stopped (${reason}).`);
    for (const id of [...worker.pending.keys()]) {
      settle(worker, id, {
        error: new AppError('unavailable', 'The image could not be processed; try again'),
      });
    }
    clearTimeout(worker.idleTimer);
  };
  child.on('exit', (code, signal) => failAll(signal ? `signal ${signal}` : `exit code ${code}`));
  child.on('error', (err) => {
    failAll(err.message);
    child.kill();
  });
  return worker;
}

// An idle worker neither keeps the server alive nor stays for long.
function idle(worker: Worker): void {
  worker.child.unref();
  worker.child.channel?.unref();
  clearTimeout(worker.idleTimer);
  worker.idleTimer = setTimeout(() => {
    if (worker.pending.size > 0) return;
    if (current === worker) current = null;
    worker.child.disconnect();
  }, idleMs);
  worker.idleTimer.unref();
}

function send<T>(op: ImageOp, bytes: Uint8Array): Promise<T> {
  current ??= start();
  const worker = current;
  clearTimeout(worker.idleTimer);
  worker.child.ref();
  worker.child.channel?.ref();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      settle(worker, id, { error: new AppError('image_unreadable', 'The image took too long to process') });
      // A hung decoder is stopped; images it was also working on fail with it.
      worker.child.kill();
    }, imageTimeoutMs);
    worker.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
    worker.child.send({ id, op, bytes }, (err) => {
      if (err)
        settle(worker, id, {
          error: new AppError('unavailable', 'The image could not be processed; try again'),
        });
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

/** A college's icon rendered in the image worker (see `renderIcons`). */
export async function renderSiteIcons(bytes: Uint8Array): Promise<{ size: number; bytes: Buffer }[]> {
  const rendered = await send<{ size: number; bytes: Uint8Array }[]>('icons', bytes);
  return rendered.map((icon) => ({ size: icon.size, bytes: Buffer.from(icon.bytes) }));
}

/** A JPEG of an SVG drawing (the demo college's pictures). */
export async function svgToJpeg(svg: string): Promise<Buffer> {
  return Buffer.from(await send<Uint8Array>('svg-to-jpeg', Buffer.from(svg)));
}

/** The running image worker's process id, if one runs. */
export function imageWorkerPid(): number | undefined {
  return current?.child.pid;
}

/** Stops the worker now (shutdown); images in progress fail. */
export function stopImageWorker(): void {
  const worker = current;
  current = null;
  worker?.child.kill();
}
