import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../../admin/api-client.ts';
import type { ChannelOutput } from '../articles.schema.ts';
import { channelsQueryKey } from './news-desk.ts';

/** The college's news channels in their order (`GET /api/channels`), kept for a few minutes. */
export function useChannels(enabled = true) {
  return useQuery({
    queryKey: channelsQueryKey,
    queryFn: async () => {
      const answer = await callApi<ChannelOutput[] | { items: ChannelOutput[] }>('GET', '/channels');
      const list = Array.isArray(answer) ? answer : answer.items;
      return [...list].sort((a, b) => a.position - b.position);
    },
    staleTime: 5 * 60_000,
    enabled,
  });
}
