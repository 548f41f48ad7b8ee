import { useMemo, useRef } from 'react';
import { Background, BackgroundVariant, ReactFlow, ReactFlowProvider, Panel } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { JourneyMap } from '../domain/schema';
import { computeLayout } from './layout';
import { NodeBuilder } from './build-nodes';
import { nodeTypes } from './nodes';
import { ViewControls } from './ViewControls';

interface Props {
  map: JourneyMap;
}

function JourneyCanvasInner({ map }: Props) {
  const { t } = useTranslation();
  const builder = useRef(new NodeBuilder());
  const layout = useMemo(() => computeLayout(map), [map]);
  const nodes = useMemo(() => builder.current.build(map, layout), [map, layout]);

  return (
    <div className="h-full w-full" role="region" aria-label={t('map.canvasLabel', { title: map.title })}>
      <ReactFlow
        nodes={nodes}
        edges={[]}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.05 }}
        minZoom={0.1}
        maxZoom={2.5}
        nodesConnectable={false}
        elementsSelectable
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={map.touchpoints.length > 200}
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#cbd5e1" />
        <Panel position="bottom-left">
          <ViewControls />
        </Panel>
      </ReactFlow>
    </div>
  );
}

export function JourneyCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <JourneyCanvasInner {...props} />
    </ReactFlowProvider>
  );
}
