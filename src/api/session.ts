/** Workspace sign-in: who this browser is (GET /api/session) and signing in with the key. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { requestJson } from './http';

export const sessionKeys = {
  all: ['session'] as const,
};

const ownerSessionSchema = z.object({ role: z.literal('owner'), workspaceKey: z.string() });
export type OwnerSession = z.infer<typeof ownerSessionSchema>;

export const sessionApi = {
  get: async () => (await requestJson('/api/session', ownerSessionSchema)).data,
  signIn: async (key: string) => (await requestJson('/api/session', ownerSessionSchema, { method: 'POST', json: { key } })).data,
};

/** The owner session; fails with ApiError 401 when this browser is not a workspace member. */
export function useOwnerSession() {
  return useQuery({ queryKey: sessionKeys.all, queryFn: sessionApi.get, retry: false, staleTime: Infinity });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: sessionApi.signIn,
    onSuccess: (session) => qc.setQueryData(sessionKeys.all, session),
  });
}
