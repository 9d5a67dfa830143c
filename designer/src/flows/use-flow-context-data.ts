import type { FlowDefinition, FormDefinition } from '@formloom/model';
import type { FlowNodeKindRegistry } from '@formloom/engine/flows/definitions';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { client } from '../api/client.js';
import { flowApi, type NodeKindInfo } from './flow-api.js';
import { browserKindRegistry } from './node-kind-catalog.js';
import type { NameLookup } from './node-summary.js';
import { userIdsIn } from './panels/org-names.js';
import { useOrgDirectory } from './panels/use-org-names.js';

/**
 * What the flow editor reads besides the flow: node kinds (palette, linter registry), the app's
 * forms with their published definitions (linter, panels, dry run), and names of people,
 * roles and departments for the node cards.
 */
export function useFlowContextData(appId: string | undefined, definition: FlowDefinition | null) {
  const [kindList, setKindList] = useState<NodeKindInfo[] | null>(null);
  const [forms, setForms] = useState<Array<{ id: string; name: string }>>([]);
  const [published, setPublished] = useState<Map<string, FormDefinition> | null>(null);

  useEffect(() => {
    void flowApi.nodeKinds().then(setKindList);
  }, []);

  useEffect(() => {
    if (!appId) return;
    void (async () => {
      const list = await client.listForms(appId);
      setForms(list.map((f) => ({ id: f.id, name: f.name })));
      const versions = await Promise.all(
        list
          .filter((f) => f.publishedVersion !== null)
          .map(async (f) => [f.id, (await client.getVersion(f.id, f.publishedVersion as number)).definition] as const),
      );
      setPublished(new Map(versions));
    })();
  }, [appId]);

  /** People named elsewhere (a dry run's assignees) whose names the editor shows too. */
  const [extraUsers, setExtraUsers] = useState<string[]>([]);
  const wanted = useMemo(() => {
    const ids = new Set(extraUsers);
    for (const node of definition?.nodes ?? []) userIdsIn(node.data, ids);
    return [...ids];
  }, [definition, extraUsers]);
  const nameUsers = useCallback((ids: string[]) => setExtraUsers((current) => [...new Set([...current, ...ids])]), []);
  // Names of people, roles and departments shared with the panels: a new snapshot (and new
  // names for the cards) whenever some arrive, so nothing stays on ids once its name is known.
  const org = useOrgDirectory(wanted);

  const registry = useMemo<FlowNodeKindRegistry | null>(
    () => (kindList ? browserKindRegistry(kindList) : null),
    [kindList],
  );
  const kinds = useMemo(() => new Map((kindList ?? []).map((k) => [k.kind, k])), [kindList]);
  const formId = definition?.formId;
  const names = useMemo<NameLookup>(() => {
    const formNames = new Map(forms.map((f) => [f.id, f.name]));
    const roles = new Map((org.roles ?? []).map((r) => [r.id, r.name]));
    const departments = new Map((org.departments ?? []).map((d) => [d.id, d.name]));
    const fieldForm = formId ? published?.get(formId) : undefined;
    return {
      user: (id) => org.users.get(id) ?? id,
      department: (id) => departments.get(id) ?? id,
      role: (id) => roles.get(id) ?? id,
      form: (id) => formNames.get(id) ?? id,
      field: (key) => fieldForm?.fields[key]?.label ?? key,
    };
  }, [forms, published, org, formId]);

  return { kindList, kinds, registry, forms, published, names, nameUsers };
}
