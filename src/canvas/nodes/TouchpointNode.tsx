import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { TouchpointNode as TouchpointNodeType } from './types';
import { GRID } from '../geometry';
import { LANE_STYLES } from './lane-styles';
import { CHANNEL_ICONS } from './channel-icons';
import { useMapStore } from '../../store/use-map-store';
import { updateTouchpoint } from '../../store/commands';
import { useViewState, useViewStore } from '../view-state';
import { InlineText } from '../InlineText';
import { LIMITS } from '../../domain/schema';
import { CardDecorations, cardRing } from './CardDecorations';
import { usePinDrop, usePinsKey } from '../mots/MotPins';
import { useTouchpointRoles } from '../emotion/HighlightBadges';
import { RemoteSelection } from '../presence/RemoteSelection';
import { useNodeT } from './use-node-t';
import { useDetail } from './level-of-detail';

function TouchpointNodeView({ data, selected, dragging }: NodeProps<TouchpointNodeType>) {
  const { t, locale } = useNodeT();
  const store = useMapStore();
  const view = useViewStore();
  const { touchpoint, laneType } = data;
  // Read-only maps (view / comment links) never open the title editor. Read at render time, not
  // subscribed: a thousand cards need no extra store listener for a flag that hardly changes.
  const editing = useViewState((s) => s.editingTouchpointId === touchpoint.id) && !store.readOnly;
  // Zoomed out, the card is drawn light or as a thumbnail (see level-of-detail.tsx); never the one being edited.
  const zoomDetail = useDetail();
  const detail = editing ? 'full' : zoomDetail;
  const light = detail !== 'full';
  // One subscription each, shared by the ring and the decorations.
  const roles = useTouchpointRoles(touchpoint.id);
  const pins = usePinsKey(touchpoint.id);
  const ring = cardRing(pins, roles);
  const pinDrop = usePinDrop(touchpoint.id, t);
  const channel = t(`channels.${touchpoint.channel}`);
  const hasTitle = touchpoint.title.trim() !== '';
  const title = hasTitle ? touchpoint.title : t('map.untitledCard');
  const titleClass = `line-clamp-2 break-words text-sm font-medium leading-5 ${hasTitle ? 'text-slate-800' : 'italic text-slate-400'}`;
  return (
    <article
      className={`${
        light ? 'relative h-full' : 'group/card relative flex h-full flex-col gap-1 shadow-sm'
      } rounded-md border border-l-4 border-slate-200 bg-white px-2.5 py-2 data-[pin-over=true]:ring-4 data-[pin-over=true]:ring-amber-300 ${LANE_STYLES[laneType].card} ${
        selected ? 'ring-2 ring-indigo-500' : ring.className
      } ${dragging ? 'rotate-1 opacity-90 shadow-xl' : ''}`}
      style={{
        width: GRID.cardWidth,
        height: GRID.cardHeight,
        ...(ring.color && !selected ? { boxShadow: `0 0 0 2px ${ring.color}` } : {}),
      }}
      data-highlighted={ring.color ? true : undefined}
      data-testid="touchpoint-card"
      data-touchpoint-id={touchpoint.id}
      data-selected={selected || undefined}
      data-detail={detail}
      // As a thumbnail the title is not written out: it is the card's name and tooltip instead.
      aria-label={detail === 'far' ? t('map.cardThumbnailLabel', { title, channel }) : undefined}
      title={detail === 'far' ? touchpoint.title : undefined}
      {...pinDrop}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (!store.readOnly) view.set({ editingTouchpointId: touchpoint.id });
      }}
    >
      {detail === 'far' ? (
        <>
          <div aria-hidden="true" className={`h-2 rounded-sm ${hasTitle ? 'bg-slate-300' : 'bg-slate-200'}`} style={{ width: `${titleLineWidth(title)}%` }} />
          <RemoteSelection id={touchpoint.id} />
        </>
      ) : light ? (
        <>
          {/* Light: the title only (what a screen reader hears stays the same: title and channel). */}
          <h3 className={titleClass} title={touchpoint.title} data-testid="card-title">
            {title}
          </h3>
          <span className="sr-only">{channel}</span>
          <RemoteSelection id={touchpoint.id} />
        </>
      ) : (
        <>
          <div className="flex min-w-0 items-start gap-1.5">
            <span aria-hidden="true" className="text-sm leading-5" title={channel}>
              {CHANNEL_ICONS[touchpoint.channel]}
            </span>
            {editing ? (
              <InlineText
                value={touchpoint.title}
                label={t('map.cardTitleLabel')}
                maxLength={LIMITS.cardTitle}
                multiline
                className="text-sm leading-5"
                onCommit={(value) => store.apply((d) => void updateTouchpoint(d, touchpoint.id, { title: value }), { label: t('map.cardTitleLabel') })}
                onDone={() => view.set({ editingTouchpointId: null })}
              />
            ) : (
              <h3 className={titleClass} title={touchpoint.title} data-testid="card-title">
                {title}
              </h3>
            )}
          </div>
          <span className="sr-only">{channel}</span>
          {touchpoint.description && !editing ? (
            <p className="line-clamp-1 break-words text-xs text-slate-500" title={touchpoint.description}>
              {touchpoint.description}
            </p>
          ) : null}
          <RemoteSelection id={touchpoint.id} />
          <CardDecorations
            touchpointId={touchpoint.id}
            title={touchpoint.title}
            selected={selected}
            roles={roles}
            pins={pins}
            t={t}
            locale={locale}
          />
        </>
      )}
    </article>
  );
}

/** The thumbnail's title line: about as long as the title would be on its first line. */
function titleLineWidth(title: string): number {
  return Math.min(100, 25 + title.length * 3);
}

export const TouchpointNode = memo(TouchpointNodeView);
