/**
 * The "Comments" side-panel tab: threads on cards, stages and Moments of Truth.
 *
 * - Filter Open / Resolved / All; a canvas badge narrows the list to its target.
 * - Each thread: its target (click: select it and centre it on the canvas), the comments with
 *   author and relative time, a Reply box, Resolve / Reopen.
 * - "New comment" for the card, stage or MOT selected on the canvas.
 * - Who may do what follows the map role: view links read; comment links (and up) write, reply
 *   and resolve; edit links and workspace members also edit and delete. The server checks the same.
 *
 * Comment text is rendered as text (React escapes it); never as HTML.
 */
import { useCallback, useContext, useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useReactFlow } from '@xyflow/react';
import {
  allThreads,
  filterThreads,
  withoutComment,
  type CommentTarget,
  type CommentTargetKind,
  type Thread,
  type ThreadFilter,
} from '../../domain/comments';
import type { Comment, JourneyMap } from '../../domain/schema';
import { commentsApi, type CommentPatch, type NewComment } from '../../api/comments';
import { ApiError } from '../../api/http';
import type { MapRole } from '../../api/maps';
import { LiveContext, canComment, canEdit } from '../../live/live-context';
import { getDisplayName, onDisplayNameChange, setDisplayName } from '../../live/identity';
import { motById, stageById, touchpointById } from '../../store/selectors';
import { useMapSelector, useMapStore, useReadOnly } from '../../store/use-map-store';
import type { MapStore } from '../../store/map-store';
import { useViewState, useViewStore, type ViewState } from '../../canvas/view-state';
import { motNumbering } from '../../canvas/mots/mot-numbering';
import { buttonGhost, buttonPrimary } from '../../components/buttons';
import { Composer } from './Composer';
import { commentFocus, showOnCanvas, useCommentFocus } from './comment-focus';
import { absoluteTime, relativeTime, useNow } from './relative-time';

const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600';
const smallButton = `rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 ${focusRing}`;

// ── role, name, actions ───────────────────────────────────────────────────────────────────

const noSubscription = () => () => {};

/** The map role: from the live channel; without one, workspace members edit and read-only maps only read. */
function useRole(): MapRole {
  const live = useContext(LiveContext);
  const readOnly = useReadOnly();
  const role = useSyncExternalStore(live ? live.subscribe : noSubscription, () => live?.role ?? null);
  return role ?? (readOnly ? 'view' : 'owner');
}

/** The display name (src/live/identity.ts), kept current when it is changed anywhere in the app. */
function useDisplayName(): [string, (name: string) => void] {
  const live = useContext(LiveContext);
  const [name, setName] = useState(() => getDisplayName().trim());
  useEffect(() => onDisplayNameChange((n) => setName(n.trim())), []);
  const save = useCallback(
    (next: string) => {
      // Through the live channel when there is one: it also tells the others.
      if (live) live.setName(next);
      else setDisplayName(next);
      setName(next.trim().slice(0, 80));
    },
    [live],
  );
  return [name, save];
}

/**
 * The server changes the document and sends the change to every open editor (this one too) as a
 * live op. Without a live channel (or before its op arrives) the answer is put into the store here,
 * as a remote change: not undoable, not saved again by this browser.
 */
function applyHere(store: MapStore, hasLive: boolean, change: (comments: readonly Comment[]) => readonly Comment[]): void {
  if (hasLive) return;
  const current = store.getDoc().comments;
  const next = change(current);
  if (next === current) return;
  store.apply(
    (d) => {
      d.comments = [...next] as Comment[];
    },
    { origin: 'remote' },
  );
}

interface Actions {
  busy: boolean;
  error: string | null;
  clearError(): void;
  create(input: Omit<NewComment, 'author'>): Promise<boolean>;
  update(id: string, patch: CommentPatch): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

function useCommentActions(author: string): Actions {
  const { t } = useTranslation();
  const store = useMapStore();
  const live = useContext(LiveContext);
  const mapId = store.getDoc().id;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (call: () => Promise<void>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await call();
        return true;
      } catch (e) {
        setError(t('comments.failed', { message: e instanceof ApiError || e instanceof Error ? e.message : String(e) }));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return useMemo(
    () => ({
      busy,
      error,
      clearError: () => setError(null),
      create: (input) =>
        run(async () => {
          const { comment } = await commentsApi.create(mapId, { ...input, author });
          applyHere(store, live !== null, (cs) => (cs.some((c) => c.id === comment.id) ? cs : [...cs, comment]));
        }),
      update: (id, patch) =>
        run(async () => {
          const { comment } = await commentsApi.update(mapId, id, { ...patch, ...(author ? { author } : {}) });
          applyHere(store, live !== null, (cs) =>
            cs.map((c) => (c.id === comment.id && (c.resolved !== comment.resolved || c.body !== comment.body) ? comment : c)),
          );
        }),
      remove: (id) =>
        run(async () => {
          await commentsApi.remove(mapId, id);
          applyHere(store, live !== null, (cs) => withoutComment(cs, id));
        }),
    }),
    [busy, error, run, mapId, author, store, live],
  );
}

// ── targets ───────────────────────────────────────────────────────────────────────────────

function targetName(doc: JourneyMap, target: CommentTarget, t: TFunction): string {
  if (target.kind === 'stage') return stageById(doc, target.id)?.name ?? '';
  if (target.kind === 'touchpoint') {
    const title = touchpointById(doc, target.id)?.title.trim();
    return title || t('comments.untitledCard');
  }
  const mot = motById(doc, target.id);
  const card = mot ? touchpointById(doc, mot.touchpointId)?.title.trim() : '';
  return t('comments.motOn', { number: motNumbering(doc).byId.get(target.id) ?? '?', card: card || t('comments.untitledCard') });
}

/** A target's name, kept current (renames) with one string subscription. */
function useTargetName(target: CommentTarget | null): string {
  const { t } = useTranslation();
  return useMapSelector((doc) => (target ? targetName(doc, target, t) : ''));
}

const KIND_STYLE: Record<CommentTargetKind, string> = {
  touchpoint: 'bg-sky-100 text-sky-800',
  stage: 'bg-slate-200 text-slate-800',
  mot: 'bg-amber-100 text-amber-900',
};

function KindChip({ kind }: { kind: CommentTargetKind }) {
  const { t } = useTranslation();
  return <span className={`shrink-0 rounded px-1.5 py-px text-[11px] font-semibold ${KIND_STYLE[kind]}`}>{t(`comments.kind.${kind}`)}</span>;
}

const selectedTarget = (s: ViewState): string | null => {
  const sel = s.selection;
  if (!sel || sel.ids.length !== 1) return null;
  if (sel.kind !== 'touchpoint' && sel.kind !== 'stage' && sel.kind !== 'mot') return null;
  return `${sel.kind}:${sel.ids[0]}`;
};

function parseTarget(key: string | null): CommentTarget | null {
  if (!key) return null;
  const i = key.indexOf(':');
  return { kind: key.slice(0, i) as CommentTargetKind, id: key.slice(i + 1) };
}

// ── panel ─────────────────────────────────────────────────────────────────────────────────

const FILTERS: ThreadFilter[] = ['open', 'resolved', 'all'];

export function CommentsPanel() {
  const { t, i18n } = useTranslation();
  const view = useViewStore();
  const role = useRole();
  const focus = useCommentFocus(view);
  const comments = useMapSelector((doc) => doc.comments);
  const threads = useMemo(() => filterThreads(allThreads(comments), focus.filter, focus.target), [comments, focus.filter, focus.target]);
  const openTotal = useMemo(() => allThreads(comments).filter((th) => !th.resolved).length, [comments]);
  const focusName = useTargetName(focus.target);
  const [name, saveName] = useDisplayName();
  const [renaming, setRenaming] = useState(false);
  const actions = useCommentActions(name);
  const now = useNow();
  const locale = i18n.language;
  const mayComment = canComment(role);
  const titleId = useId();

  return (
    <section className="flex flex-col gap-3 p-4" aria-labelledby={titleId} data-testid="comments-panel">
      <div className="flex items-baseline gap-2">
        <h2 id={titleId} className="text-sm font-semibold text-slate-900">
          {t('comments.title')}
        </h2>
        <span className="text-xs text-slate-500" data-testid="comments-open-total">
          {t('comments.count.open', { count: openTotal })}
        </span>
      </div>

      <div role="group" aria-label={t('comments.filter.label')} className="flex rounded-md border border-slate-300 p-0.5 text-xs">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={focus.filter === f}
            className={`flex-1 rounded px-2 py-1 font-medium ${focusRing} ${
              focus.filter === f ? 'bg-indigo-600 text-white' : 'text-slate-700 hover:bg-slate-100'
            }`}
            onClick={() => commentFocus(view).set({ filter: f })}
          >
            {t(`comments.filter.${f}`)}
          </button>
        ))}
      </div>

      {focus.target ? (
        <div className="flex items-center gap-2 rounded-md bg-sky-50 px-2.5 py-1.5 text-xs text-sky-900" data-testid="comments-target-filter">
          <span className="min-w-0 flex-1 truncate">{t('comments.onlyTarget', { target: focusName })}</span>
          <button type="button" className={smallButton} onClick={() => commentFocus(view).set({ target: null })}>
            {t('comments.showAll')}
          </button>
        </div>
      ) : null}

      {mayComment ? (
        name && !renaming ? (
          <NewComment actions={actions} name={name} onRename={() => setRenaming(true)} />
        ) : (
          <NamePrompt
            initial={name}
            onSave={(n) => {
              saveName(n);
              setRenaming(false);
            }}
            onCancel={name ? () => setRenaming(false) : undefined}
          />
        )
      ) : (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-600" data-testid="comments-view-only">
          {t('comments.viewOnly')}
        </p>
      )}

      {actions.error ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-xs text-rose-800">
          {actions.error}
        </p>
      ) : null}

      {threads.length === 0 ? (
        <div className="rounded-md border border-dashed border-slate-300 px-3 py-6 text-center text-sm text-slate-500" data-testid="comments-empty">
          <p>{t(`comments.empty.${focus.filter}`)}</p>
          {!focus.target ? <p className="mt-1 text-xs">{t('comments.empty.hint')}</p> : null}
        </div>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t('comments.title')}>
          {threads.map((th) => (
            <li key={th.root.id}>
              <ThreadView thread={th} role={role} name={name} actions={actions} now={now} locale={locale} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function NamePrompt({ initial, onSave, onCancel }: { initial: string; onSave: (name: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const inputId = useId();
  const helpId = useId();
  return (
    <form
      className="flex flex-col gap-1.5 rounded-md border border-slate-200 bg-slate-50 p-3"
      data-testid="comments-name-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onSave(value);
      }}
    >
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        {t('comments.nameLabel')}
      </label>
      <p id={helpId} className="text-xs text-slate-600">
        {t('comments.nameHelp')}
      </p>
      <div className="flex gap-2">
        <input
          id={inputId}
          value={value}
          maxLength={80}
          aria-describedby={helpId}
          placeholder={t('comments.namePlaceholder')}
          className={`min-w-0 flex-1 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm ${focusRing}`}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape' && onCancel) onCancel();
          }}
        />
        <button type="submit" className={`${buttonPrimary} px-2.5 py-1`} disabled={!value.trim()}>
          {t('comments.nameSave')}
        </button>
        {onCancel ? (
          <button type="button" className={buttonGhost} onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function NewComment({ actions, name, onRename }: { actions: Actions; name: string; onRename: () => void }) {
  const { t } = useTranslation();
  const key = useViewState(selectedTarget);
  const target = useMemo(() => parseTarget(key), [key]);
  const exists = useMapSelector((doc) =>
    target ? (target.kind === 'stage' ? !!stageById(doc, target.id) : target.kind === 'mot' ? !!motById(doc, target.id) : !!touchpointById(doc, target.id)) : false,
  );
  const targetName = useTargetName(target);
  const headingId = useId();
  return (
    <div className="flex flex-col gap-2 rounded-md border border-slate-200 p-3" aria-labelledby={headingId} role="region" data-testid="comments-new">
      <h3 id={headingId} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t('comments.newComment')}
      </h3>
      {target && exists ? (
        <>
          <p className="flex min-w-0 items-center gap-1.5 text-sm text-slate-800">
            <KindChip kind={target.kind} />
            <span className="truncate font-medium" title={targetName}>
              {targetName}
            </span>
          </p>
          <Composer
            key={key}
            label={t('comments.bodyLabel', { target: targetName })}
            placeholder={t('comments.placeholder')}
            submitLabel={t('comments.post')}
            testId="comment-composer"
            onSubmit={(body) => actions.create({ targetKind: target.kind, targetId: target.id, parentId: null, body })}
          />
        </>
      ) : (
        <p className="text-xs text-slate-600">{t('comments.selectTarget')}</p>
      )}
      <p className="flex min-w-0 items-center gap-1 text-xs text-slate-500">
        <span className="truncate" data-testid="comments-posting-as">
          {t('comments.postingAs', { name })}
        </span>
        <button type="button" className={smallButton} onClick={onRename}>
          {t('comments.changeName')}
        </button>
      </p>
    </div>
  );
}

// ── one thread ────────────────────────────────────────────────────────────────────────────

function ThreadView({
  thread,
  role,
  name,
  actions,
  now,
  locale,
}: {
  thread: Thread;
  role: MapRole;
  name: string;
  actions: Actions;
  now: number;
  locale: string;
}) {
  const { t } = useTranslation();
  const view = useViewStore();
  const store = useMapStore();
  const flow = useReactFlow();
  const targetLabel = useTargetName(thread.target);
  const [replying, setReplying] = useState(false);
  const mayComment = canComment(role);
  const { root, replies } = thread;
  return (
    <article
      className={`rounded-md border p-3 ${thread.resolved ? 'border-slate-200 bg-slate-50' : 'border-slate-300 bg-white shadow-sm'}`}
      aria-label={t('comments.thread', { target: targetLabel })}
      data-testid="comment-thread"
      data-thread-id={root.id}
      data-resolved={thread.resolved ? 'true' : 'false'}
    >
      <div className="mb-2 flex items-center gap-1.5">
        <button
          type="button"
          className={`flex min-w-0 flex-1 items-center gap-1.5 rounded text-left text-xs text-slate-700 hover:text-indigo-700 hover:underline ${focusRing}`}
          title={t('comments.showOnCanvas', { target: targetLabel })}
          aria-label={t('comments.showOnCanvas', { target: targetLabel })}
          data-testid="comment-target"
          onClick={() => showOnCanvas(view, flow, store.getDoc(), thread.target)}
        >
          <KindChip kind={thread.target.kind} />
          <span className="truncate font-medium">{targetLabel}</span>
        </button>
        {thread.resolved ? (
          <span className="shrink-0 rounded-full bg-emerald-100 px-2 py-px text-[11px] font-semibold text-emerald-800">{t('comments.resolvedBadge')}</span>
        ) : null}
      </div>

      <CommentView comment={root} role={role} actions={actions} now={now} locale={locale} isRoot />
      {replies.length > 0 ? (
        <ol className="mt-2 flex flex-col gap-2 border-l-2 border-slate-200 pl-3" aria-label={t('comments.replies', { count: replies.length })}>
          {replies.map((r) => (
            <li key={r.id}>
              <CommentView comment={r} role={role} actions={actions} now={now} locale={locale} isRoot={false} />
            </li>
          ))}
        </ol>
      ) : null}

      {mayComment ? (
        <div className="mt-2">
          {replying && name ? (
            <Composer
              label={t('comments.replyLabel', { author: root.author })}
              placeholder={t('comments.replyPlaceholder')}
              submitLabel={t('comments.reply')}
              autoFocus
              rows={2}
              testId="reply-composer"
              onCancel={() => setReplying(false)}
              onSubmit={async (body) => {
                const ok = await actions.create({ targetKind: root.targetKind, targetId: root.targetId, parentId: root.id, body });
                if (ok) setReplying(false);
                return ok;
              }}
            />
          ) : (
            <div className="flex items-center gap-1">
              {name ? (
                <button type="button" className={smallButton} onClick={() => setReplying(true)} data-testid="comment-reply">
                  {t('comments.reply')}
                </button>
              ) : null}
              <button
                type="button"
                className={smallButton}
                data-testid={thread.resolved ? 'comment-reopen' : 'comment-resolve'}
                disabled={actions.busy}
                onClick={() => void actions.update(root.id, { resolved: !thread.resolved })}
              >
                {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
              </button>
            </div>
          )}
        </div>
      ) : null}
    </article>
  );
}

function CommentView({
  comment,
  role,
  actions,
  now,
  locale,
  isRoot,
}: {
  comment: Comment;
  role: MapRole;
  actions: Actions;
  now: number;
  locale: string;
  isRoot: boolean;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const mayEdit = canEdit(role);
  return (
    <div className="flex flex-col gap-0.5" data-testid="comment" data-comment-id={comment.id}>
      <div className="flex items-baseline gap-1.5">
        <span className="flex h-5 w-5 shrink-0 items-center justify-center self-center rounded-full bg-indigo-100 text-[10px] font-bold text-indigo-800" aria-hidden="true">
          {Array.from(comment.author.trim())[0]?.toUpperCase() ?? '?'}
        </span>
        <span className="min-w-0 truncate text-sm font-semibold text-slate-900" data-testid="comment-author">
          {comment.author}
        </span>
        <time dateTime={comment.createdAt} title={absoluteTime(comment.createdAt, locale)} className="shrink-0 text-xs text-slate-500">
          {relativeTime(comment.createdAt, now, locale)}
        </time>
        {mayEdit && mode === 'view' ? (
          <span className="ml-auto flex shrink-0 gap-0.5">
            <button type="button" className={smallButton} onClick={() => setMode('edit')}>
              {t('comments.edit')}
            </button>
            <button type="button" className={smallButton} onClick={() => setMode('confirm-delete')} data-testid="comment-delete">
              {t('comments.delete')}
            </button>
          </span>
        ) : null}
      </div>
      {mode === 'edit' ? (
        <Composer
          initial={comment.body}
          label={t('comments.editLabel')}
          placeholder={t('comments.placeholder')}
          submitLabel={t('comments.save')}
          autoFocus
          onCancel={() => setMode('view')}
          onSubmit={async (body) => {
            const ok = body === comment.body || (await actions.update(comment.id, { body }));
            if (ok) setMode('view');
            return ok;
          }}
        />
      ) : (
        <p className="whitespace-pre-wrap break-words pl-[26px] text-sm text-slate-800" data-testid="comment-body">
          {comment.body}
        </p>
      )}
      {mode === 'confirm-delete' ? (
        <div role="alertdialog" aria-label={isRoot ? t('comments.deleteThread') : t('comments.deleteReply')} className="mt-1 flex items-center gap-2 rounded-md bg-rose-50 px-2 py-1.5 text-xs text-rose-900">
          <span className="mr-auto">{isRoot ? t('comments.deleteThread') : t('comments.deleteReply')}</span>
          <button type="button" className={buttonGhost} onClick={() => setMode('view')}>
            {t('comments.cancel')}
          </button>
          <button
            type="button"
            className={`rounded-md bg-rose-600 px-2 py-1 text-xs font-medium text-white hover:bg-rose-500 ${focusRing}`}
            data-testid="comment-delete-confirm"
            onClick={() => void actions.remove(comment.id).then((ok) => ok || setMode('view'))}
          >
            {t('comments.delete')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

