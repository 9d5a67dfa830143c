import { Type } from '@fastify/type-provider-typebox';
import type { FormloomApp } from '../../server/types.js';
import { DATA_VERSION, dataVersion, reindexState } from './reindex-state.js';

const ReindexStatus = Type.Object({
  dataVersion: Type.Integer({ description: "The store's data version (0: written before the marker existed)" }),
  currentVersion: Type.Integer({ description: 'The data version this server keeps' }),
  run: Type.Union([
    Type.Null(),
    Type.Object({
      state: Type.Union([Type.Literal('running'), Type.Literal('done')]),
      targetVersion: Type.Integer(),
      forms: Type.Integer({ description: 'Forms to visit' }),
      formsDone: Type.Integer(),
      checked: Type.Integer({ description: 'Records checked so far' }),
      repairedLinks: Type.Integer({ description: 'Records whose link index entries were added or removed' }),
      repairedFiles: Type.Integer({ description: 'Records whose file index entries were added or removed' }),
      startedAt: Type.String(),
      updatedAt: Type.String(),
      finishedAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ]),
});

/** `GET /api/admin/reindex`: the store's data version and how far the background reindex is (admins). */
export function registerReindexRoutes(app: FormloomApp): void {
  app.get(
    '/api/admin/reindex',
    {
      config: { access: { permission: 'admin' } },
      schema: {
        tags: ['health'],
        summary: 'Data version of the store and progress of the link and file reindex',
        response: { 200: ReindexStatus },
      },
    },
    async () => {
      const store = app.services.store;
      const run = await reindexState(store);
      return {
        dataVersion: await dataVersion(store),
        currentVersion: DATA_VERSION,
        run:
          run === null
            ? null
            : {
                state: run.state,
                targetVersion: run.targetVersion,
                forms: run.forms.length,
                formsDone: Math.min(run.formIndex, run.forms.length),
                checked: run.checked,
                repairedLinks: run.repairedLinks,
                repairedFiles: run.repairedFiles,
                startedAt: run.startedAt,
                updatedAt: run.updatedAt,
                finishedAt: run.finishedAt,
              },
      };
    },
  );
}
