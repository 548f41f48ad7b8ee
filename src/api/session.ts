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

/** A session check started at start-up (route-preload.ts), taken by the first useOwnerSession fetch. */
let startedCheck: Promise<OwnerSession> | null = null;

/** Check the session now, before the app renders; the sign-in gate's query takes this answer. */
export function startSessionCheck(): Promise<OwnerSession> {
  const check = sessionApi.get();
  check.catch(() => undefined); // a failure is the query's to report
  startedCheck = check;
  return check;
}

/** The owner session; fails with ApiError 401 when this browser is not a workspace member. */
export function useOwnerSession() {
  const queryFn = () => {
    const started = startedCheck;
    startedCheck = null;
    return started ?? sessionApi.get();
  };
  return useQuery({ queryKey: sessionKeys.all, queryFn, retry: false, staleTime: Infinity });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: sessionApi.signIn,
    onSuccess: (session) => qc.setQueryData(sessionKeys.all, session),
  });
}
