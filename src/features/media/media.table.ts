import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/** One served rendition of an image: auto-oriented, metadata stripped, at one width and format. */
export interface MediaDerivative {
  width: number;
  height: number;
  format: 'webp' | 'jpeg' | 'png';
  storageKey: string;
  byteSize: number;
  /** The size-capped clean "original" shown on the view-original page. */
  original?: boolean;
}

/**
 * An uploaded image. The upload itself stays private (`original_key`); the public only ever gets
 * derivatives, which carry no EXIF or GPS data.
 */
export const media = pgTable(
  'media',
  {
    ...recordColumns(),
    sha256: text('sha256').notNull(),
    originalKey: text('original_key').notNull(),
    contentType: text('content_type').notNull(),
    fileName: text('file_name').notNull(),
    byteSize: integer('byte_size').notNull(),
    /** Pixel size after auto-orientation. */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    derivatives: jsonb('derivatives').$type<MediaDerivative[]>().notNull(),
    altZh: text('alt_zh').notNull().default(''),
    altEn: text('alt_en').notNull().default(''),
    captionZh: text('caption_zh').notNull().default(''),
    captionEn: text('caption_en').notNull().default(''),
    credit: text('credit').notNull().default(''),
    uploadedBy: uuid('uploaded_by'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('media_sha256_uq').on(t.tenantId, t.sha256),
    index('media_created_idx').on(t.tenantId, t.createdAt),
  ],
);
