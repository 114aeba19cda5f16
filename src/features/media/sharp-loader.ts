import type SharpType from 'sharp';

let loading: Promise<typeof SharpType> | undefined;

/**
 * sharp, loaded on the first image: libvips takes tens of megabytes, which a server that serves
 * pages and never receives an upload should not carry.
 */
export function loadSharp(): Promise<typeof SharpType> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
