import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './routes';

describe('player routes', () => {
  it('round-trips every screen through its path', () => {
    expect(matchRoute(paths.home())).toEqual({ name: 'home' });
    expect(matchRoute(paths.login())).toEqual({ name: 'login' });
    expect(matchRoute(paths.app('a1'))).toEqual({ name: 'app', appId: 'a1' });
    expect(matchRoute(paths.form('a1', 'f1'))).toEqual({ name: 'form', appId: 'a1', formId: 'f1', tab: 'fill' });
    expect(matchRoute(paths.data('a1', 'f1'))).toEqual({ name: 'form', appId: 'a1', formId: 'f1', tab: 'data' });
    expect(matchRoute(paths.bin('a1', 'f1'))).toEqual({ name: 'form', appId: 'a1', formId: 'f1', tab: 'bin' });
    expect(matchRoute(paths.record('a1', 'f1', 'r1'))).toEqual({
      name: 'record',
      appId: 'a1',
      formId: 'f1',
      recordId: 'r1',
    });
  });

  it('matches a public link without an app around it', () => {
    expect(matchRoute(paths.publicForm('Ab_-9'))).toEqual({ name: 'public', token: 'Ab_-9' });
    expect(matchRoute('/public')).toEqual({ name: 'notFound' });
    expect(matchRoute('/public/a/b')).toEqual({ name: 'notFound' });
  });

  it('round-trips the flow screens; task ids keep their colons', () => {
    expect(matchRoute(paths.inbox())).toEqual({ name: 'inbox', box: 'todo' });
    for (const box of ['todo', 'done', 'initiated', 'cc'] as const)
      expect(matchRoute(paths.inbox(box))).toEqual({ name: 'inbox', box });
    expect(matchRoute(paths.task('i1:t0:3:1'))).toEqual({ name: 'task', taskId: 'i1:t0:3:1' });
    expect(matchRoute('/tasks/i1:t0:3:1')).toEqual({ name: 'task', taskId: 'i1:t0:3:1' });
    expect(matchRoute(paths.instance('i1'))).toEqual({ name: 'instance', instanceId: 'i1' });
    expect(matchRoute(paths.adminOutbox())).toEqual({ name: 'adminOutbox' });
    expect(matchRoute(paths.adminFlows())).toEqual({ name: 'adminFlows' });
    expect(matchRoute(paths.adminWebhooks())).toEqual({ name: 'adminWebhooks' });
    expect(matchRoute('/inbox/other')).toEqual({ name: 'notFound' });
    expect(matchRoute('/admin/other')).toEqual({ name: 'notFound' });
  });

  it('answers notFound for unknown paths', () => {
    expect(matchRoute('/apps/a1/other')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nothing')).toEqual({ name: 'notFound' });
  });
});
