import { boolean, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

export const agreementTypes = [
  'framework',
  'specific',
  'order_class',
  'training_base',
  'donation',
  'joint_training',
  'mou',
  'other',
] as const;
export const agreementStatuses = ['draft', 'in_review', 'signed', 'active', 'expired', 'terminated'] as const;

/** A cooperation agreement through its lifecycle; it expires by itself at `valid_to` (a job). */
export const agreements = pgTable(
  'agreements',
  {
    ...recordColumns(),
    code: text('code'),
    type: text('type', { enum: agreementTypes }).notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull().default(''),
    signedOn: date('signed_on'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    autoRenew: boolean('auto_renew').notNull().default(false),
    status: text('status', { enum: agreementStatuses }).notNull().default('draft'),
    parentId: uuid('parent_id'),
    sourceEngagementId: uuid('source_engagement_id'),
    ownerOrgUnitId: uuid('owner_org_unit_id'),
    notes: text('notes'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('agreements_valid_to_idx').on(t.tenantId, t.status, t.validTo),
  ],
);

/** A party to an agreement (甲/乙/丙) and who signed for it; no organization means our college. */
export const agreementParties = pgTable(
  'agreement_parties',
  {
    ...recordColumns(),
    agreementId: uuid('agreement_id').notNull(),
    organizationId: uuid('organization_id'),
    role: text('role', { enum: ['party_a', 'party_b', 'party_c'] }).notNull(),
    signatoryPersonId: uuid('signatory_person_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('agreement_parties_agreement_idx').on(t.tenantId, t.agreementId),
    index('agreement_parties_org_idx').on(t.tenantId, t.organizationId),
  ],
);

/** A file attached to an agreement (the signed scan, annexes); stored by the media storage. */
export const agreementFiles = pgTable(
  'agreement_files',
  {
    ...recordColumns(),
    agreementId: uuid('agreement_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    storageKey: text('storage_key').notNull(),
    byteSize: text('byte_size').notNull(),
    sha256: text('sha256').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('agreement_files_idx').on(t.tenantId, t.agreementId),
  ],
);
