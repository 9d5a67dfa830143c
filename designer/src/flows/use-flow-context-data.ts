import type { FlowDefinition, FormDefinition } from '@formloom/model';
import type { FlowNodeKindRegistry } from '@formloom/engine/flows/definitions';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { client } from '../api/client.js';
import { flowApi, type NodeKindInfo } from './flow-api.js';
import { browserKindRegistry } from './node-kind-catalog.js';
import type { NameLookup } from './node-summary.js';
import { useOrgNames } from './panels/OrgPickers.js';

/** Ids of users and departments a definition names (to fetch their names once). */
function namedIds(definition: FlowDefinition): { users: string[] } {
  const users = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (Array.isArray(value)) {
      if (key === 'userIds' || key === 'fallbackUserIds' || key === 'adminUserIds')
        for (const id of value) if (typeof id === 'string') users.add(id);
      value.forEach((v) => walk(v, ''));
    } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  for (const node of definition.nodes) walk(node.data, '');
  return { users: [...users] };
}

/**
 * What the flow editor reads besides the flow: node kinds (palette, linter registry), the app's
 * forms with their published definitions (linter, panels, dry run), and names of people,
 * roles and departments for the node cards.
 */
export function useFlowContextData(appId: string | undefined, definition: FlowDefinition | null) {
  const [kindList, setKindList] = useState<NodeKindInfo[] | null>(null);
  const [forms, setForms] = useState<Array<{ id: string; name: string }>>([]);
  const [published, setPublished] = useState<Map<string, FormDefinition> | null>(null);
  const [userNames, setUserNames] = useState<Map<string, string>>(new Map());
  // Roles and departments the way the panels' pickers name them (one cached request each).
  const org = useOrgNames();

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
  const wanted = useMemo(
    () => [...new Set([...(definition ? namedIds(definition).users : []), ...extraUsers])].sort().join(','),
    [definition, extraUsers],
  );
  const nameUsers = useCallback((ids: string[]) => setExtraUsers((current) => [...new Set([...current, ...ids])]), []);
  useEffect(() => {
    const ids = wanted ? wanted.split(',').filter((id) => !userNames.has(id)) : [];
    if (ids.length === 0) return;
    void flowApi
      .users(ids.slice(0, 200))
      .then((users) =>
        setUserNames((current) => {
          const next = new Map(current);
          for (const u of users) next.set(u.id, u.displayName || u.username);
          return next;
        }),
      )
      .catch(() => undefined);
    // userNames is read to skip known ids; refetching when it changes would loop.
  }, [wanted]);

  const registry = useMemo<FlowNodeKindRegistry | null>(
    () => (kindList ? browserKindRegistry(kindList) : null),
    [kindList],
  );
  const kinds = useMemo(() => new Map((kindList ?? []).map((k) => [k.kind, k])), [kindList]);
  const formId = definition?.formId;
  const names = useMemo<NameLookup>(() => {
    const formNames = new Map(forms.map((f) => [f.id, f.name]));
    const fieldForm = formId ? published?.get(formId) : undefined;
    return {
      user: (id) => userNames.get(id) ?? id,
      department: (id) => org.departments[id] ?? id,
      role: (id) => org.roles[id] ?? id,
      form: (id) => formNames.get(id) ?? id,
      field: (key) => fieldForm?.fields[key]?.label ?? key,
    };
  }, [forms, published, userNames, org, formId]);

  return { kindList, kinds, registry, forms, published, names, nameUsers };
}
