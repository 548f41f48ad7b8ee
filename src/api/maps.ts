import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { journeyMapSchema, localeSchema, type JourneyMap, type Locale } from '../domain/schema';
import { ApiError, requestJson } from './http';
import { mapKeys } from './keys';

export const mapSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  locale: localeSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  stageCount: z.number().int(),
  touchpointCount: z.number().int(),
  motCount: z.number().int(),
});
export type MapSummary = z.infer<typeof mapSummarySchema>;

const listSchema = z.object({ maps: z.array(mapSummarySchema) });
export const versionedMapSchema = z.object({ map: journeyMapSchema, version: z.number().int() });
export type VersionedMap = z.infer<typeof versionedMapSchema>;

export type TemplateChoice = 'airline' | 'hotel';

/** What the current credentials may do with a map (sent by the server as X-Map-Role). */
export const MAP_ROLES = ['view', 'comment', 'edit', 'owner'] as const;
export type MapRole = (typeof MAP_ROLES)[number];
export type LoadedMap = VersionedMap & { role: MapRole };

function roleFrom(header: string | null): MapRole {
  return (MAP_ROLES as readonly string[]).includes(header ?? '') ? (header as MapRole) : 'view';
}

export const mapsApi = {
  list: async () => (await requestJson('/api/maps', listSchema)).data.maps,
  get: async (id: string): Promise<LoadedMap> => {
    const { data, headers } = await requestJson(`/api/maps/${encodeURIComponent(id)}`, versionedMapSchema);
    return { ...data, role: roleFrom(headers.get('X-Map-Role')) };
  },
  create: async (input: { title?: string; locale: Locale; template?: TemplateChoice }) =>
    (await requestJson('/api/maps', versionedMapSchema, { method: 'POST', json: input })).data,
  rename: async (id: string, title: string) =>
    (await requestJson(`/api/maps/${encodeURIComponent(id)}`, versionedMapSchema, { method: 'PATCH', json: { title } })).data,
  duplicate: async (id: string) =>
    (await requestJson(`/api/maps/${encodeURIComponent(id)}/duplicate`, versionedMapSchema, { method: 'POST', json: {} })).data,
  remove: async (id: string) => {
    await requestJson(`/api/maps/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' });
  },
  save: async (map: JourneyMap, baseVersion: number) =>
    (
      await requestJson(`/api/maps/${encodeURIComponent(map.id)}`, versionedMapSchema, {
        method: 'PUT',
        json: { map },
        headers: { 'If-Match': `"${baseVersion}"` },
      })
    ).data,
  importDocument: async (doc: unknown) =>
    (
      await requestJson(
        '/api/maps/import',
        versionedMapSchema.extend({ migratedFrom: z.number().int().optional() }),
        { method: 'POST', json: doc },
      )
    ).data,
};

export function useMapsList() {
  return useQuery({ queryKey: mapKeys.lists(), queryFn: mapsApi.list });
}

export function useMap(id: string) {
  return useQuery({
    queryKey: mapKeys.detail(id),
    queryFn: () => mapsApi.get(id),
    retry: (count, err) => !(err instanceof Error && 'status' in err && (err as { status: number }).status === 404) && count < 2,
    staleTime: Infinity, // the open document is owned by the editor store after load
    refetchOnWindowFocus: false,
  });
}

/** Loads started before the query client exists (see route-preload.ts), by map id. */
const startedLoads = new Map<string, Promise<LoadedMap>>();

/**
 * Start GET /api/maps/:id now, at start-up; the next prefetchMap of that map takes this answer.
 * `session` is the session check started beside it: a browser that is signed in by that check
 * (the first visit on a trusted machine) is refused the map once (401) and asks again when it is.
 */
export function startMapLoad(id: string, session: Promise<unknown>): void {
  const load = mapsApi.get(id).catch(async (e: unknown) => {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    await session.catch(() => Promise.reject(e));
    return mapsApi.get(id);
  });
  load.catch(() => undefined); // a failure is the query's to report, when prefetchMap takes it
  startedLoads.set(id, load);
}

/**
 * Start loading a map before the page that shows it mounts (in parallel with the session check),
 * so opening a map costs one round trip, not two. One try: if it fails (not signed in yet, say),
 * useMap tries again when the page mounts (an errored query is refetched on mount).
 */
export function prefetchMap(qc: QueryClient, id: string): void {
  const queryFn = () => {
    const started = startedLoads.get(id);
    startedLoads.delete(id);
    return started ?? mapsApi.get(id);
  };
  void qc.prefetchQuery({ queryKey: mapKeys.detail(id), queryFn, retry: false, staleTime: Infinity });
}

export function useCreateMap() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: mapsApi.create,
    onSuccess: (data) => {
      // Only workspace members create maps: the cached copy is theirs, with every right.
      qc.setQueryData<LoadedMap>(mapKeys.detail(data.map.id), { ...data, role: 'owner' });
      void qc.invalidateQueries({ queryKey: mapKeys.lists() });
    },
  });
}

export function useRenameMap() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) => mapsApi.rename(id, title),
    onMutate: async ({ id, title }) => {
      await qc.cancelQueries({ queryKey: mapKeys.lists() });
      const previous = qc.getQueryData<MapSummary[]>(mapKeys.lists());
      qc.setQueryData<MapSummary[]>(mapKeys.lists(), (old) => old?.map((m) => (m.id === id ? { ...m, title } : m)));
      return { previous };
    },
    onError: (_err, _vars, ctx) => {
      if (ctx?.previous) qc.setQueryData(mapKeys.lists(), ctx.previous);
    },
    onSettled: (data) => {
      void qc.invalidateQueries({ queryKey: mapKeys.lists() });
      if (data) qc.setQueryData<LoadedMap>(mapKeys.detail(data.map.id), { ...data, role: 'owner' });
    },
  });
}

export function useDuplicateMap() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: mapsApi.duplicate,
    onSuccess: () => void qc.invalidateQueries({ queryKey: mapKeys.lists() }),
  });
}

export function useDeleteMap() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: mapsApi.remove,
    onMutate: async (id: string) => {
      await qc.cancelQueries({ queryKey: mapKeys.lists() });
      const previous = qc.getQueryData<MapSummary[]>(mapKeys.lists());
      qc.setQueryData<MapSummary[]>(mapKeys.lists(), (old) => old?.filter((m) => m.id !== id));
      return { previous };
    },
    onError: (_err, _id, ctx) => {
      if (ctx?.previous) qc.setQueryData(mapKeys.lists(), ctx.previous);
    },
    onSettled: (_d, _e, id) => {
      qc.removeQueries({ queryKey: mapKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: mapKeys.lists() });
    },
  });
}
