/**
 * Query key prefix of everything the commitment screens load. On its own so the header's reminder
 * bell, on every page, does not pull in the commitment dialogs and their form.
 */
export const commitmentsQueryKey = ['commitments'] as const;
