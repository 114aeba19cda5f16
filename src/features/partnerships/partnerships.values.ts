/**
 * Plain value lists of partnerships, with no dependencies: `partnerships.schema.ts` builds its enums
 * from them, and admin screens that need only a list read them here without loading zod.
 */

/** The college's cooperation dimensions (DOMAIN.md). */
export const dimensions = [
  'order_class',
  'training_base',
  'teaching_team',
  'dialogue',
  'staff_training',
  'specialty',
  'competition',
  'fund',
  'teaching_materials',
  'standards',
  'teacher_practice',
  'tech_service',
  'apprenticeship',
  'internship_employment',
  'industry_college',
  'government_school',
  'school_school',
] as const;

export const partnershipStages = ['prospect', 'active', 'dormant', 'ended'] as const;
