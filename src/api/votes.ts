/** Dot voting: the API calls, their answer schemas and the React Query keys/hooks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { VOTE_TARGET_KINDS, type VoteTargetKind } from '../domain/dot-voting';
import { customerGroupSchema, type CustomerGroup } from '../domain/schema';
import { requestJson } from './http';

const groupCounts = z.object({ love: z.number(), like: z.number(), dislike: z.number() });

export const voteSessionSchema = z.object({
  id: z.string(),
  targetKind: z.enum(VOTE_TARGET_KINDS),
  dotsPerPerson: z.number().int(),
  title: z.string(),
  status: z.enum(['open', 'revealed', 'closed']),
  createdAt: z.string(),
  revealedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  voters: z.number().int(),
  myBallot: z
    .object({ name: z.string(), group: customerGroupSchema, dots: z.record(z.string(), z.number().int()), updatedAt: z.string() })
    .nullable(),
  results: z
    .object({
      weights: groupCounts,
      voters: z.number().int(),
      votersByGroup: groupCounts,
      totalDots: z.number().int(),
      targets: z.array(z.object({ targetId: z.string(), raw: z.number(), byGroup: groupCounts, weighted: z.number(), rank: z.number().int() })),
      ballots: z.array(z.object({ name: z.string(), group: customerGroupSchema, dots: z.number().int() })),
    })
    .nullable(),
});
export type VoteSessionView = z.infer<typeof voteSessionSchema>;

const stateSchema = z.object({ current: voteSessionSchema.nullable(), past: z.array(voteSessionSchema) });
export type VoteState = z.infer<typeof stateSchema>;
const oneSchema = z.object({ session: voteSessionSchema });
const applySchema = oneSchema.extend({
  alreadyApplied: z.boolean(),
  applied: z.array(z.string()),
  missing: z.array(z.string()),
  version: z.number().int().nullable(),
});

export const voteKeys = {
  all: ['votes'] as const,
  map: (mapId: string, participantId: string) => [...voteKeys.all, mapId, participantId] as const,
};

const base = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/votes`;

export interface BallotInput {
  participantId: string;
  name: string;
  group: CustomerGroup;
  dots: Record<string, number>;
}

export const votesApi = {
  state: async (mapId: string, participantId: string) =>
    (await requestJson(`${base(mapId)}?participantId=${encodeURIComponent(participantId)}`, stateSchema)).data,
  start: async (mapId: string, input: { targetKind: VoteTargetKind; dotsPerPerson: number; title: string }) =>
    (await requestJson(base(mapId), oneSchema, { method: 'POST', json: input })).data.session,
  ballot: async (mapId: string, sessionId: string, ballot: BallotInput) =>
    (await requestJson(`${base(mapId)}/${encodeURIComponent(sessionId)}/ballot`, oneSchema, { method: 'PUT', json: ballot })).data.session,
  action: async (mapId: string, sessionId: string, action: 'reveal' | 'close') =>
    (await requestJson(`${base(mapId)}/${encodeURIComponent(sessionId)}/${action}`, oneSchema, { method: 'POST', json: {} })).data.session,
  apply: async (mapId: string, sessionId: string) =>
    (await requestJson(`${base(mapId)}/${encodeURIComponent(sessionId)}/apply`, applySchema, { method: 'POST', json: {} })).data,
};

export function useVoteState(mapId: string, participantId: string) {
  return useQuery({
    queryKey: voteKeys.map(mapId, participantId),
    queryFn: () => votesApi.state(mapId, participantId),
    refetchOnWindowFocus: true,
  });
}

/** Start / reveal / close / apply: the state is fetched again afterwards. */
export function useVoteAdmin(mapId: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: [...voteKeys.all, mapId] });
  return {
    start: useMutation({ mutationFn: (input: Parameters<typeof votesApi.start>[1]) => votesApi.start(mapId, input), onSettled: invalidate }),
    reveal: useMutation({ mutationFn: (sessionId: string) => votesApi.action(mapId, sessionId, 'reveal'), onSettled: invalidate }),
    close: useMutation({ mutationFn: (sessionId: string) => votesApi.action(mapId, sessionId, 'close'), onSettled: invalidate }),
    apply: useMutation({ mutationFn: (sessionId: string) => votesApi.apply(mapId, sessionId), onSettled: invalidate }),
  };
}
