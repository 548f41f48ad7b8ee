/**
 * Share links: React Query hooks and the key factory (workspace members manage a map's links;
 * anyone may ask what a share token opens).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { requestJson } from './http';

export const SHARE_ROLES = ['view', 'comment', 'edit'] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];

export const shareLinkSchema = z.object({
  id: z.string(),
  role: z.enum(SHARE_ROLES),
  label: z.string(),
  token: z.string(),
  path: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ShareLink = z.infer<typeof shareLinkSchema>;

/** What a share token opens (GET /api/share/:token). */
export const shareTargetSchema = z.object({
  mapId: z.string(),
  role: z.enum(SHARE_ROLES),
  label: z.string(),
  title: z.string(),
});
export type ShareTarget = z.infer<typeof shareTargetSchema>;

const listSchema = z.object({ links: z.array(shareLinkSchema) });
const oneSchema = z.object({ link: shareLinkSchema });

export const shareKeys = {
  all: ['share'] as const,
  links: (mapId: string) => [...shareKeys.all, 'links', mapId] as const,
  target: (token: string) => [...shareKeys.all, 'target', token] as const,
};

const mapPath = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/links`;

export const shareApi = {
  list: async (mapId: string) => (await requestJson(mapPath(mapId), listSchema)).data.links,
  create: async (mapId: string, input: { role: ShareRole; label: string }) =>
    (await requestJson(mapPath(mapId), oneSchema, { method: 'POST', json: input })).data.link,
  revoke: async (mapId: string, linkId: string) =>
    (await requestJson(`${mapPath(mapId)}/${encodeURIComponent(linkId)}`, oneSchema, { method: 'DELETE' })).data.link,
  resolve: async (token: string) =>
    (await requestJson(`/api/share/${encodeURIComponent(token)}`, shareTargetSchema)).data,
};

/** The absolute address of a link, to paste into a chat or an e-mail. */
export function shareUrl(link: Pick<ShareLink, 'token'>): string {
  return `${window.location.origin}/s/${link.token}`;
}

export function useShareLinks(mapId: string, enabled = true) {
  return useQuery({ queryKey: shareKeys.links(mapId), queryFn: () => shareApi.list(mapId), enabled });
}

export function useCreateShareLink(mapId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { role: ShareRole; label: string }) => shareApi.create(mapId, input),
    onSuccess: (link) => {
      qc.setQueryData<ShareLink[]>(shareKeys.links(mapId), (old) => [...(old ?? []), link]);
      void qc.invalidateQueries({ queryKey: shareKeys.links(mapId) });
    },
  });
}

export function useRevokeShareLink(mapId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => shareApi.revoke(mapId, linkId),
    onSuccess: (link) => {
      qc.setQueryData<ShareLink[]>(shareKeys.links(mapId), (old) => (old ?? []).map((l) => (l.id === link.id ? link : l)));
      void qc.invalidateQueries({ queryKey: shareKeys.links(mapId) });
    },
  });
}

/** What the token opens; fails with ApiError 401 (details.reason 'revoked' | 'unknown-token'). */
export function useShareTarget(token: string) {
  return useQuery({ queryKey: shareKeys.target(token), queryFn: () => shareApi.resolve(token), retry: false, staleTime: Infinity });
}
