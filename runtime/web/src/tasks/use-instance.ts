import { useAsync, type AsyncState } from '../api/use-async';
import { getInstance, instanceDiagram, type FlowDiagram, type InstanceState } from './tasks-api';

/** An instance's state with the drawing of its flow version (the drawing is optional: shown when readable). */
export function useInstance(instanceId: string): AsyncState<{ state: InstanceState; diagram: FlowDiagram | null }> {
  return useAsync(async () => {
    const [state, diagram] = await Promise.all([
      getInstance(instanceId),
      instanceDiagram(instanceId).catch(() => null),
    ]);
    return { state, diagram };
  }, [instanceId]);
}
