import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
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

function TouchpointNodeView({ data, selected, dragging }: NodeProps<TouchpointNodeType>) {
  const { t, i18n } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const { touchpoint, laneType } = data;
  // Read-only maps (view / comment links) never open the title editor. Read at render time, not
  // subscribed: a thousand cards need no extra store listener for a flag that hardly changes.
  const editing = useViewState((s) => s.editingTouchpointId === touchpoint.id) && !store.readOnly;
  // One subscription each, shared by the ring and the decorations.
  const roles = useTouchpointRoles(touchpoint.id);
  const pins = usePinsKey(touchpoint.id);
  const ring = cardRing(pins, roles);
  const pinDrop = usePinDrop(touchpoint.id, t);
  const channel = t(`channels.${touchpoint.channel}`);
  const title = touchpoint.title.trim() ? touchpoint.title : t('map.untitledCard');
  return (
    <article
      className={`group/card relative flex h-full flex-col gap-1 rounded-md border border-l-4 border-slate-200 bg-white px-2.5 py-2 shadow-sm data-[pin-over=true]:ring-4 data-[pin-over=true]:ring-amber-300 ${LANE_STYLES[laneType].card} ${
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
      {...pinDrop}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (!store.readOnly) view.set({ editingTouchpointId: touchpoint.id });
      }}
    >
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
          <h3
            className={`line-clamp-2 break-words text-sm font-medium leading-5 ${touchpoint.title.trim() ? 'text-slate-800' : 'italic text-slate-400'}`}
            title={touchpoint.title}
            data-testid="card-title"
          >
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
        locale={i18n.language}
      />
    </article>
  );
}

export const TouchpointNode = memo(TouchpointNodeView);
