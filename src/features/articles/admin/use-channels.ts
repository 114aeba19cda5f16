import { useQuery } from '@tanstack/react-query';
import { api } from '../../../admin/api.ts';
import { channelsQueryKey } from './news-desk.ts';

/** The college's news channels in their order (`GET /api/channels`), kept for a few minutes. */
export function useChannels(enabled = true) {
  return useQuery({
    queryKey: channelsQueryKey,
    queryFn: async () => {
      const { items } = await api('GET /api/channels');
      return [...items].sort((a, b) => a.position - b.position);
    },
    staleTime: 5 * 60_000,
    enabled,
  });
}
