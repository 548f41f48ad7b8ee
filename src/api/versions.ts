/**
 * Version history of a map: list, one version's document, save a named version, restore.
 * The comparison with the current map is computed in the browser (`compareMaps` against the
 * editor's own document, so it includes edits not yet saved and follows live changes); the
 * server offers the same comparison at `…/versions/:id/compare` for other clients.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { journeyMapSchema } from '../domain/schema';
import { requestJson } from './http';

export const VERSION_KINDS = ['auto', 'named', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const versionMetaSchema = z.object({
  id: z.string(),
  kind: z.enum(VERSION_KINDS),
  name: z.string(),
  author: z.string(),
  mapVersion: z.number().int(),
  createdAt: z.string(),
  title: z.string(),
  summary: z.object({
    stages: z.number().int(),
    cards: z.number().int(),
    mots: z.number().int(),
    personas: z.number().int(),
    comments: z.number().int(),
  }),
});
export type VersionMeta = z.infer<typeof versionMetaSchema>;

const listSchema = z.object({ versions: z.array(versionMetaSchema) });
const oneSchema = z.object({ version: versionMetaSchema });
const withDocSchema = z.object({ version: versionMetaSchema, map: journeyMapSchema });
export type VersionWithDoc = z.infer<typeof withDocSchema>;
const restoredSchema = z.object({ version: z.number().int(), kept: versionMetaSchema, restored: versionMetaSchema });

export const versionKeys = {
  all: ['versions'] as const,
  list: (mapId: string) => [...versionKeys.all, mapId, 'list'] as const,
  detail: (mapId: string, versionId: string) => [...versionKeys.all, mapId, 'detail', versionId] as const,
};

const base = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/versions`;

export const versionsApi = {
  list: async (mapId: string) => (await requestJson(base(mapId), listSchema)).data.versions,
  get: async (mapId: string, versionId: string) => (await requestJson(`${base(mapId)}/${encodeURIComponent(versionId)}`, withDocSchema)).data,
  save: async (mapId: string, input: { name: string; author: string }) =>
    (await requestJson(base(mapId), oneSchema, { method: 'POST', json: input })).data.version,
  restore: async (mapId: string, versionId: string, author: string) =>
    (await requestJson(`${base(mapId)}/${encodeURIComponent(versionId)}/restore`, restoredSchema, { method: 'POST', json: { author } })).data,
};

export function useVersions(mapId: string) {
  return useQuery({ queryKey: versionKeys.list(mapId), queryFn: () => versionsApi.list(mapId) });
}

/** One version's document: versions never change, so it is fetched once. */
export function useVersion(mapId: string, versionId: string | null) {
  return useQuery({
    queryKey: versionKeys.detail(mapId, versionId ?? ''),
    queryFn: () => versionsApi.get(mapId, versionId ?? ''),
    enabled: versionId !== null,
    staleTime: Infinity,
  });
}

export function useSaveVersion(mapId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; author: string }) => versionsApi.save(mapId, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: versionKeys.list(mapId) }),
  });
}

export function useRestoreVersion(mapId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { versionId: string; author: string }) => versionsApi.restore(mapId, input.versionId, input.author),
    onSuccess: () => qc.invalidateQueries({ queryKey: versionKeys.list(mapId) }),
  });
}

/**
 * What a restore snapshot's server-given name says (the server writes it in English:
 * `Before restoring “<name>”` or `Before restoring the version of <ISO time>`), so the panel can
 * say it in the UI language. null for any other name.
 */
export function restoreLabel(name: string): { kind: 'named'; name: string } | { kind: 'time'; at: string } | null {
  const named = /^Before restoring “(.*)”$/s.exec(name);
  if (named) return { kind: 'named', name: named[1] ?? '' };
  const time = /^Before restoring the version of (\d{4}-\d\d-\d\dT[\d:.]+Z)$/.exec(name);
  if (time) return { kind: 'time', at: time[1] ?? '' };
  return null;
}
