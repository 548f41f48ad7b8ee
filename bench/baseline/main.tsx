/**
 * The benchmark baseline: a bare @xyflow/react canvas with N default nodes at the same places as the
 * app's cards, the same fitView / zoom limits and the same onlyRenderVisibleElements rule. Nodes come
 * from /bench-nodes/<n>.json (served by bench/run.ts), as the app fetches its map from the API.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { applyNodeChanges, ReactFlow, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

function Flow({ initial }: { initial: Node[] }) {
  const [nodes, setNodes] = useState(initial);
  return (
    <ReactFlow
      nodes={nodes}
      edges={[]}
      onNodesChange={(changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns))}
      fitView
      fitViewOptions={{ padding: 0.04 }}
      minZoom={0.1}
      maxZoom={2.5}
      nodeDragThreshold={4}
      proOptions={{ hideAttribution: true }}
      onlyRenderVisibleElements={initial.length > 150}
    />
  );
}

async function main(): Promise<void> {
  const n = new URLSearchParams(location.search).get('n') ?? '100';
  const res = await fetch(`/bench-nodes/${encodeURIComponent(n)}.json`);
  const nodes = (await res.json()) as Node[];
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <StrictMode>
      <Flow initial={nodes} />
    </StrictMode>,
  );
}

void main();
