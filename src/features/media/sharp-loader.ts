import type SharpType from 'sharp';

let loading: Promise<typeof SharpType> | undefined;

/**
 * sharp, loaded on the first image. Only the image worker (image-worker.ts) loads it: libvips
 * takes tens of megabytes, which the server process should never carry.
 */
export function loadSharp(): Promise<typeof SharpType> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}

/** Whether this process has loaded sharp. */
export function sharpLoaded(): boolean {
  return loading !== undefined;
}
