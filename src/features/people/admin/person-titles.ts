import dayjs from 'dayjs';
import type { AffiliationOutput } from '../people.schema.ts';

/** Query key prefix of everything the people screens load. */
export const peopleQueryKey = ['people'] as const;

/** Tells whether a title is held today (started and not ended). */
export function isCurrent(affiliation: AffiliationOutput, today = dayjs().format('YYYY-MM-DD')): boolean {
  return (
    (!affiliation.fromOn || affiliation.fromOn <= today) && (!affiliation.toOn || affiliation.toOn >= today)
  );
}
