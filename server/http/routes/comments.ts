/**
 * Comment threads on a map's touchpoints, Moments of Truth and stages.
 * - POST   /api/maps/:id/comments             {targetKind, targetId, parentId?, body, author}   comment role and up
 * - PATCH  /api/maps/:id/comments/:commentId  {resolved?, body?}   resolve / reopen: comment role and up;
 *                                                                   editing the text: edit role and up
 * - DELETE /api/maps/:id/comments/:commentId                        edit role and up; a thread's first
 *                                                                   comment takes its replies with it
 *
 * Every change goes through `ops.change`, so it is validated as a whole document, versioned, logged
 * and broadcast to live clients as an 'op'. Ids and times are made here, never taken from the client.
 * Comment text is stored as the plain text it was sent as; the UI renders it as text.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import {
  COMMENT_AUTHOR_MAX,
  COMMENT_BODY_MAX,
  newCommentProblem,
  normaliseBody,
  withoutComment,
} from '../../../src/domain/comments';
import { ID_PATTERN, newId } from '../../../src/domain/ids';
import { COMMENT_TARGETS, type Comment } from '../../../src/domain/schema';
import type { AccessControl } from '../../access/require';
import type { OpService } from '../../live/op-service';
import { readBody } from '../body';
import { ApiError, mapNotFound } from '../errors';
import { route } from '../router';

const idSchema = z.string().regex(ID_PATTERN, 'must be 1–64 letters, digits, "_" or "-"');
const bodySchema = z
  .string('must be text')
  .transform(normaliseBody)
  .pipe(
    z
      .string()
      .min(1, 'write something first: the comment is empty')
      .max(COMMENT_BODY_MAX, `must be at most ${COMMENT_BODY_MAX} characters`),
  );

export const createSchema = z.strictObject({
  targetKind: z.enum(COMMENT_TARGETS, 'must be touchpoint, mot or stage'),
  targetId: idSchema,
  parentId: idSchema.nullable().default(null),
  body: bodySchema,
  author: z
    .string('must be text')
    .trim()
    .min(1, 'enter your name, so others know who wrote this')
    .max(COMMENT_AUTHOR_MAX, `must be at most ${COMMENT_AUTHOR_MAX} characters`),
});

export const patchSchema = z
  .strictObject({
    resolved: z.boolean('must be true or false').optional(),
    body: bodySchema.optional(),
    /** Who did it, for the map's history (the display name); optional. */
    author: z.string('must be text').trim().max(COMMENT_AUTHOR_MAX, `must be at most ${COMMENT_AUTHOR_MAX} characters`).optional(),
  })
  .refine((p) => p.resolved !== undefined || p.body !== undefined, { message: 'send resolved and/or body' });

function mapIdOf(c: Context): string {
  const id = c.req.param('id');
  if (!id || !ID_PATTERN.test(id)) throw mapNotFound();
  return id;
}

const commentNotFound = (): ApiError => new ApiError(404, 'Comment not found (it may have been deleted)');

function commentIdOf(c: Context): string {
  const id = c.req.param('commentId');
  if (!id || !ID_PATTERN.test(id)) throw commentNotFound();
  return id;
}

/** Who to name in the map's history when the request carries no name. */
async function actorOf(c: Context, access: AccessControl): Promise<string> {
  const p = await access.principal(c);
  return p.kind === 'owner' ? 'workspace member' : 'guest';
}

export interface CommentRouteDeps {
  access: AccessControl;
  ops: OpService;
}

export function commentRoutes(app: Hono, { access, ops }: CommentRouteDeps): void {
  route(app, '/api/maps/:id/comments', {
    POST: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'comment');
      const input = await readBody(c, createSchema);
      const now = new Date();
      const comment: Comment = {
        id: newId(),
        targetKind: input.targetKind,
        targetId: input.targetId,
        parentId: input.parentId,
        author: input.author,
        body: input.body,
        createdAt: now.toISOString(),
        resolved: false,
      };
      const version = await ops.change(
        mapId,
        input.author,
        (doc) => {
          const problem = newCommentProblem(doc, input);
          if (problem) throw new ApiError(400, `The comment cannot be added: ${problem.message}.`, [problem]);
          return { ...doc, comments: [...doc.comments, comment] };
        },
        now,
      );
      return c.json({ comment, version }, 201);
    },
  });

  route(app, '/api/maps/:id/comments/:commentId', {
    PATCH: async (c) => {
      const mapId = mapIdOf(c);
      const commentId = commentIdOf(c);
      await access.require(c, mapId, 'comment');
      const patch = await readBody(c, patchSchema);
      // There are no personal accounts (a share link is shared by everyone who has it), so nobody
      // can be recognised as "the author" of a comment: changing someone's words is for the
      // edit role and up, like changing the rest of the map. Resolving is part of commenting.
      if (patch.body !== undefined) await access.require(c, mapId, 'edit');
      const who = patch.author || (await actorOf(c, access));
      let updated: Comment | null = null;
      const version = await ops.change(mapId, who, (doc) => {
        const i = doc.comments.findIndex((x) => x.id === commentId);
        const current = doc.comments[i];
        if (!current) throw commentNotFound();
        if (patch.resolved !== undefined && current.parentId !== null)
          throw new ApiError(400, 'Only a thread can be resolved: send this to the first comment of the thread.', [
            { path: 'resolved', message: 'this comment is a reply' },
          ]);
        const next: Comment = {
          ...current,
          ...(patch.resolved !== undefined ? { resolved: patch.resolved } : {}),
          ...(patch.body !== undefined ? { body: patch.body } : {}),
        };
        updated = next;
        if (next.resolved === current.resolved && next.body === current.body) return doc;
        const comments = [...doc.comments];
        comments[i] = next;
        return { ...doc, comments };
      });
      return c.json({ comment: updated, version }, 200);
    },
    DELETE: async (c) => {
      const mapId = mapIdOf(c);
      const commentId = commentIdOf(c);
      await access.require(c, mapId, 'edit');
      const who = await actorOf(c, access);
      let removed = 0;
      const version = await ops.change(mapId, who, (doc) => {
        const comments = withoutComment(doc.comments, commentId);
        if (comments === doc.comments) throw commentNotFound();
        removed = doc.comments.length - comments.length;
        return { ...doc, comments: [...comments] };
      });
      return c.json({ removed, version }, 200);
    },
  });
}
