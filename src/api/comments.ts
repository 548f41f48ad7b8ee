/**
 * Comment threads: the calls behind the Comments panel. The server changes the map document
 * and broadcasts the change to every open editor as a live 'op'; the answer carries the comment
 * (made by the server: id, time) and the map's new version.
 */
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { commentSchema, type Comment } from '../domain/schema';
import type { CommentTargetKind } from '../domain/comments';
import { requestJson } from './http';

const commentAnswer = z.object({ comment: commentSchema, version: z.number().int() });
const deleteAnswer = z.object({ removed: z.number().int(), version: z.number().int() });

export interface NewComment {
  targetKind: CommentTargetKind;
  targetId: string;
  parentId?: string | null;
  body: string;
  author: string;
}

export interface CommentPatch {
  resolved?: boolean;
  body?: string;
  /** Who did it (for the map's history). */
  author?: string;
}

const base = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/comments`;

export const commentsApi = {
  create: async (mapId: string, input: NewComment): Promise<{ comment: Comment; version: number }> =>
    (await requestJson(base(mapId), commentAnswer, { method: 'POST', json: input })).data,
  update: async (mapId: string, commentId: string, patch: CommentPatch): Promise<{ comment: Comment; version: number }> =>
    (await requestJson(`${base(mapId)}/${encodeURIComponent(commentId)}`, commentAnswer, { method: 'PATCH', json: patch })).data,
  remove: async (mapId: string, commentId: string): Promise<{ removed: number; version: number }> =>
    (await requestJson(`${base(mapId)}/${encodeURIComponent(commentId)}`, deleteAnswer, { method: 'DELETE' })).data,
};

/** Mutations of one map's comments; `onDone` gets the server's answer (to show it before the live op arrives). */
export function useCreateComment(mapId: string, onDone?: (comment: Comment) => void) {
  return useMutation({
    mutationFn: (input: NewComment) => commentsApi.create(mapId, input),
    onSuccess: (r) => onDone?.(r.comment),
  });
}

export function useUpdateComment(mapId: string, onDone?: (comment: Comment) => void) {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CommentPatch }) => commentsApi.update(mapId, id, patch),
    onSuccess: (r) => onDone?.(r.comment),
  });
}

export function useDeleteComment(mapId: string, onDone?: (commentId: string) => void) {
  return useMutation({
    mutationFn: (id: string) => commentsApi.remove(mapId, id),
    onSuccess: (_r, id) => onDone?.(id),
  });
}
