import { forbidden, validationFailed } from '@formloom/model';
import type { AppRegistry } from '../apps/app-registry.js';
import { FormParams, FormSchema, PublicLinkBody } from '../apps/app-schemas.js';
import { formView } from '../apps/app-views.js';
import type { FormloomApp } from '../server/types.js';
import { requiredNotPublic } from './public-fields.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['forms'];

/**
 * Managing a form's public link (app managers): `PUT /api/forms/:formId/public-link`
 * `{enabled}` turns it on (a new secret token) or off (the token is forgotten), `POST
 * …/public-link/regenerate` replaces the token. The answer is the form, whose `publicLink`
 * carries the token for its editors; the page is `/public/<token>` in the player.
 */
export function registerPublicLinkRoutes(app: FormloomApp, registry: AppRegistry): void {
  app.put(
    '/api/forms/:formId/public-link',
    {
      config: user,
      schema: {
        tags,
        summary: 'Turn the public link on or off (managers; the form must be published to turn it on)',
        params: FormParams,
        body: PublicLinkBody,
        response: { 200: FormSchema },
      },
    },
    async (request) => {
      const { principal } = request;
      const { formId } = request.params;
      if (request.body.enabled) {
        const { form, canEdit } = await registry.forms.get(principal, formId);
        if (!canEdit) throw forbidden('Only the app’s managers may change the public link');
        const published = await registry.catalog.getPublished(form._id);
        if (published === null)
          throw validationFailed(
            [{ path: 'enabled', rule: 'published', message: 'Publish the form before sharing it' }],
            'Publish the form before turning its public link on',
          );
        const problems = requiredNotPublic(published.definition);
        if (problems.length > 0)
          throw validationFailed(problems, 'This form has required fields a public filler cannot fill');
      }
      return formView(await registry.forms.setPublicLink(principal, formId, request.body.enabled), true);
    },
  );

  app.post(
    '/api/forms/:formId/public-link/regenerate',
    {
      config: user,
      schema: {
        tags,
        summary: 'Replace the public link’s token; the old URL stops working (managers)',
        params: FormParams,
        response: { 200: FormSchema },
      },
    },
    async (request) =>
      formView(await registry.forms.regeneratePublicLink(request.principal, request.params.formId), true),
  );
}
