import { describe, expect, it } from 'vitest';
import { detectFileType } from './file-type.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))),
  );

describe('file type detection', () => {
  it('recognises documents and images by their content', () => {
    expect(detectFileType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(detectFileType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectFileType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(detectFileType(bytes([0, 0, 0, 0x1c], 'ftypavif'))).toBe('image/avif');
    expect(detectFileType(bytes([0, 0, 0, 0x1c], 'ftypavis'))).toBe('image/avif');
    expect(detectFileType(bytes([0, 0, 0, 0x1c], 'ftypheic'))).toBeNull();
    expect(detectFileType(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(
      'application/msword',
    );
    expect(detectFileType(bytes([0x50, 0x4b, 0x03, 0x04], '....word/document.xml....'))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('refuses a script or an SVG whatever it is called', () => {
    expect(detectFileType(bytes('#!/bin/sh\nrm -rf /\n'))).toBeNull();
    expect(
      detectFileType(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toBeNull();
    expect(detectFileType(bytes([0x50, 0x4b, 0x03, 0x04], 'other.zip contents'))).toBeNull();
  });
});
