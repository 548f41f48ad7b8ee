import { useCallback, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Panel,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { layoutFor } from './layout';
import { addCardInCell } from './nodes/CellNode';
import { NodeBuilder } from './build-nodes';
import { nodeTypes } from './nodes';
import type { DropBarNode, JourneyNode } from './nodes/types';
import { ViewControls } from './ViewControls';
import { RemoteCursors } from './presence/RemoteCursors';
import { cardDropTarget, cellAt, reorderIndex, type CardDropTarget } from './drop-target';
import { useMapSelector, useMapStore, useReadOnly } from '../store/use-map-store';
import { cellContents } from '../store/selectors';
import { moveLane, moveStage, moveTouchpoints } from '../store/commands';
import { useViewState, useViewStore } from './view-state';

const EMPTY_SET: ReadonlySet<string> = new Set();

interface Props {
  /** Ids of elements describing the canvas for screen readers (e.g. the curve narrative). */
  describedBy?: string;
}

function JourneyCanvasInner({ describedBy }: Props) {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const flow = useReactFlow();
  const doc = useMapSelector((d) => d);
  const readOnly = useReadOnly();
  const selection = useViewState((s) => s.selection);
  const activeCell = useViewState((s) => s.activeCell);
  const builder = useRef(new NodeBuilder());
  const layout = layoutFor(doc);
  const selectedCards = useMemo(
    () => (selection?.kind === 'touchpoint' ? new Set(selection.ids) : EMPTY_SET),
    [selection],
  );

  // Drag state: overridden positions of what is being dragged, and where it would land.
  const [dragPositions, setDragPositions] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  const [drop, setDrop] = useState<CardDropTarget | null>(null);
  const dragInfo = useRef<{ kind: 'cards'; ids: Set<string> } | { kind: 'stage' | 'lane'; id: string } | null>(null);

  const built = useMemo(
    () => builder.current.build(doc, layout, { selectedCards, dropCell: drop, activeCell }),
    [doc, layout, selectedCards, drop, activeCell],
  );
  const nodes = useMemo<JourneyNode[]>(() => {
    // Read-only (view / comment links): nothing can be dragged; selection, zoom and panning still work.
    const source = readOnly ? built.map((n) => (n.draggable ? { ...n, draggable: false } : n)) : built;
    const out: JourneyNode[] = dragPositions.size
      ? source.map((n) => {
          const p = dragPositions.get(n.id);
          return p ? { ...n, position: p, dragging: true, zIndex: 1000 } : n;
        })
      : source;
    if (drop) {
      const bar: DropBarNode = {
        id: 'drop-bar',
        type: 'dropBar',
        position: { x: drop.bar.x, y: drop.bar.y },
        data: { width: drop.bar.width },
        draggable: false,
        selectable: false,
        focusable: false,
        zIndex: 999,
      };
      return [...out, bar];
    }
    return out;
  }, [built, dragPositions, drop, readOnly]);

  const cellCards = useCallback((stageId: string, laneId: string) => cellContents(store.getDoc(), stageId, laneId), [store]);

  const onNodesChange = useCallback(
    (changes: NodeChange<JourneyNode>[]) => {
      let moved: Map<string, { x: number; y: number }> | null = null;
      let selectionChanged = false;
      const nextSelected = new Set(selectedCards);
      for (const c of changes) {
        if (c.type === 'position' && c.position && c.dragging) {
          moved ??= new Map(dragPositions);
          const info = dragInfo.current;
          // Stages move only sideways, lanes only up and down.
          if (info?.kind === 'stage') moved.set(c.id, { x: c.position.x, y: 0 });
          else if (info?.kind === 'lane') moved.set(c.id, { x: 0, y: c.position.y });
          else moved.set(c.id, c.position);
        } else if (c.type === 'select') {
          const isCard = !c.id.includes(':') && c.id !== 'emotion-lane' && c.id !== 'drop-bar';
          if (!isCard) continue;
          selectionChanged = true;
          if (c.selected) nextSelected.add(c.id);
          else nextSelected.delete(c.id);
        }
      }
      if (moved) setDragPositions(moved);
      if (selectionChanged) {
        view.set((s) => ({
          selection: nextSelected.size ? { kind: 'touchpoint', ids: [...nextSelected] } : s.selection?.kind === 'touchpoint' ? null : s.selection,
        }));
      }
    },
    [dragPositions, selectedCards, view],
  );

  const onNodeDragStart: OnNodeDrag<JourneyNode> = useCallback(
    (_e, node, dragged) => {
      if (node.type === 'stageHeader') dragInfo.current = { kind: 'stage', id: node.id.slice('stage:'.length) };
      else if (node.type === 'laneLabel') dragInfo.current = { kind: 'lane', id: node.id.slice('lane:'.length) };
      else if (node.type === 'touchpoint') {
        const ids = new Set(dragged.filter((n) => n.type === 'touchpoint').map((n) => n.id));
        ids.add(node.id);
        dragInfo.current = { kind: 'cards', ids };
      }
    },
    [],
  );

  const onNodeDrag: OnNodeDrag<JourneyNode> = useCallback(
    (e) => {
      const info = dragInfo.current;
      if (info?.kind !== 'cards') return;
      const p = flow.screenToFlowPosition(pointerOf(e));
      const next = cardDropTarget(layout, cellCards, info.ids, p);
      setDrop((prev) =>
        prev && next && prev.stageId === next.stageId && prev.laneId === next.laneId && prev.index === next.index ? prev : next,
      );
    },
    [flow, layout, cellCards],
  );

  const onNodeDragStop: OnNodeDrag<JourneyNode> = useCallback(
    (e, node) => {
      const info = dragInfo.current;
      dragInfo.current = null;
      const p = flow.screenToFlowPosition(pointerOf(e));
      if (info?.kind === 'cards') {
        const target = cardDropTarget(layout, cellCards, info.ids, p);
        if (target) {
          const ids = journeyOrdered(store.getDoc().touchpoints, info.ids);
          store.apply((d) => void moveTouchpoints(d, ids, { stageId: target.stageId, laneId: target.laneId, index: target.index }), {
            label: t('map.movedCards', { count: ids.length }),
          });
          view.set({ activeCell: { stageId: target.stageId, laneId: target.laneId } });
        }
      } else if (info?.kind === 'stage') {
        const x = (dragPositions.get(node.id)?.x ?? node.position.x) + (layout.stages.find((s) => s.id === info.id)?.width ?? 0) / 2;
        const index = reorderIndex(layout.stages.map((s) => ({ id: s.id, start: s.x, size: s.width })), info.id, x);
        store.apply((d) => void moveStage(d, info.id, index), { label: t('map.dragStage') });
      } else if (info?.kind === 'lane') {
        const y = (dragPositions.get(node.id)?.y ?? node.position.y) + (layout.lanes.find((l) => l.id === info.id)?.height ?? 0) / 2;
        const index = reorderIndex(layout.lanes.map((l) => ({ id: l.id, start: l.y, size: l.height })), info.id, y);
        // Lane indexes in the layout count visible lanes only: translate to the document's order.
        const visibleTarget = layout.lanes.filter((l) => l.id !== info.id)[index]?.id;
        const all = store.getDoc().lanes.filter((l) => l.id !== info.id);
        const docIndex = visibleTarget ? all.findIndex((l) => l.id === visibleTarget) : all.length;
        store.apply((d) => void moveLane(d, info.id, docIndex), { label: t('map.dragLane') });
      }
      setDragPositions(new Map());
      setDrop(null);
    },
    [flow, layout, cellCards, store, view, t, dragPositions],
  );

  return (
    <div
      className="h-full w-full"
      role="region"
      aria-label={t('map.canvasLabel', { title: doc.title })}
      aria-describedby={describedBy}
      data-testid="journey-canvas"
      onDoubleClick={(e) => {
        // Double-click on an empty part of a cell (the pane, see onPaneClick) adds a card there.
        if (!(e.target instanceof Element) || !e.target.classList.contains('react-flow__pane')) return;
        const cell = cellAt(layout, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
        if (cell) addCardInCell(store, view, t('map.addCard'), cell);
      }}
    >
      <ReactFlow<JourneyNode>
        nodes={nodes}
        edges={[]}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        nodesDraggable={!readOnly}
        onPaneClick={(e) => {
          // Cells are neither selectable nor draggable, so React Flow lets clicks on them fall
          // through to the pane: the cell under the pointer becomes the active one.
          const cell = cellAt(layout, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
          view.set({ selection: null, editingTouchpointId: null, ...(cell ? { activeCell: cell } : {}) });
        }}
        fitView
        fitViewOptions={{ padding: 0.04 }}
        minZoom={0.1}
        maxZoom={2.5}
        nodesConnectable={false}
        elementsSelectable
        selectionMode={SelectionMode.Partial}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        deleteKeyCode={null}
        disableKeyboardA11y
        zoomOnDoubleClick={false}
        nodeDragThreshold={4}
        elevateNodesOnSelect={false}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={doc.touchpoints.length > 150}
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#cbd5e1" />
        <Panel position="bottom-left">
          <ViewControls />
        </Panel>
        <RemoteCursors />
      </ReactFlow>
    </div>
  );
}

function pointerOf(e: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('clientX' in e) return { x: e.clientX, y: e.clientY };
  const touch = e.changedTouches[0] ?? e.touches[0];
  return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 };
}

function journeyOrdered(touchpoints: readonly { id: string }[], ids: ReadonlySet<string>): string[] {
  return touchpoints.filter((t) => ids.has(t.id)).map((t) => t.id);
}

/** The journey canvas. Needs a <ReactFlowProvider>, <MapStoreProvider> and <ViewStoreProvider> above it. */
export const JourneyCanvas = JourneyCanvasInner;
