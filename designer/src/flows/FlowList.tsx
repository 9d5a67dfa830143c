import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { FlowMode } from '@formloom/model';
import {
  App as AntApp,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, thrownMessage } from '@formloom/web/error-messages';
import { client } from '../api/client.js';
import type { AppSummary, FormSummary } from '../api/types.js';
import type { Route } from '../use-hash-route.js';
import { flowApi, type FlowSummary } from './flow-api.js';

interface Props {
  appId: string;
  navigate: (route: Route) => void;
}

interface CreateValues {
  name: string;
  mode: FlowMode;
  formId?: string;
}

/** An app's flows: create (a process bound to a published form, or an automation), rename, enable/disable, delete. */
export function FlowList({ appId, navigate }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [app, setApp] = useState<AppSummary | null>(null);
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [forms, setForms] = useState<FormSummary[]>([]);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<FlowSummary | null>(null);
  const [newName, setNewName] = useState('');
  const [form] = Form.useForm<CreateValues>();
  const mode = Form.useWatch('mode', form);

  const load = useCallback(async () => {
    const [a, f, list] = await Promise.all([client.getApp(appId), client.listForms(appId), flowApi.list(appId)]);
    setApp(a);
    setForms(f);
    setFlows(list);
  }, [appId]);
  useEffect(() => {
    void load();
  }, [load]);

  const fail = (error: unknown) => void message.error(thrownMessage(error, errorLanguage(i18n.language)));
  const formName = (id: string | null) => forms.find((f) => f.id === id)?.name ?? id ?? '';
  const publishedForms = forms.filter((f) => f.publishedVersion !== null);

  const create = async (values: CreateValues) => {
    try {
      const created = await flowApi.create(appId, {
        name: values.name.trim(),
        mode: values.mode,
        ...(values.mode === 'process' ? { formId: values.formId } : {}),
      });
      setCreating(false);
      form.resetFields();
      navigate({ page: 'flow', flowId: created.id });
    } catch (error) {
      fail(error);
    }
  };
  const act = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) void message.success(done);
      await load();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card
      title={
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('app.back')}
            onClick={() => navigate({ page: 'apps' })}
          />
          {t('flows.title')} · {app?.name ?? ''}
        </Space>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} data-testid="flow-create" onClick={() => setCreating(true)}>
          {t('flows.create')}
        </Button>
      }
      style={{ maxWidth: 860, margin: '0 auto 24px' }}
    >
      {flows && flows.length === 0 && <Empty description={t('flows.empty')} />}
      {flows && flows.length > 0 && (
        <List
          dataSource={flows}
          renderItem={(flow) => (
            <List.Item
              data-testid={`flow-row-${flow.id}`}
              actions={[
                <Switch
                  key="enabled"
                  size="small"
                  checked={flow.enabled}
                  aria-label={flow.enabled ? t('flows.disable') : t('flows.enable')}
                  onChange={(checked) => void act(() => flowApi.setEnabled(flow.id, checked))}
                />,
                <Button key="design" type="link" onClick={() => navigate({ page: 'flow', flowId: flow.id })}>
                  {t('flows.design')}
                </Button>,
                <Button
                  key="rename"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('flows.rename')}
                  onClick={() => {
                    setNewName(flow.name);
                    setRenaming(flow);
                  }}
                />,
                <Popconfirm
                  key="delete"
                  title={t('flows.confirmDelete', { name: flow.name })}
                  onConfirm={() => void act(() => flowApi.remove(flow.id), t('flows.deleted'))}
                >
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('flows.delete')} />
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    <Typography.Link onClick={() => navigate({ page: 'flow', flowId: flow.id })}>
                      {flow.name}
                    </Typography.Link>
                    <Tag color={flow.mode === 'process' ? 'blue' : 'purple'}>{t(`flows.${flow.mode}`)}</Tag>
                    {flow.publishedVersion !== null ? (
                      <Tag color="green">{t('flows.published', { version: flow.publishedVersion })}</Tag>
                    ) : (
                      <Tag>{t('flows.unpublished')}</Tag>
                    )}
                    {!flow.enabled && <Tag>{t('flows.disabled')}</Tag>}
                  </Space>
                }
                description={
                  <Typography.Text type="secondary">
                    {flow.formId ? `${t('flows.boundForm')}: ${formName(flow.formId)} · ` : ''}
                    {t('flows.updatedAt', { time: new Date(flow.updatedAt).toLocaleString() })}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Modal
        title={t('flows.createTitle')}
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'flow-create-ok' } as Record<string, string>}
        destroyOnHidden
      >
        <Form<CreateValues>
          form={form}
          layout="vertical"
          initialValues={{ mode: 'process' }}
          onFinish={(v) => void create(v)}
        >
          <Form.Item name="name" label={t('flows.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input data-testid="flow-create-name" />
          </Form.Item>
          <Form.Item name="mode" label={t('flows.mode')}>
            <Radio.Group>
              <Radio value="process">
                {t('flows.process')} <Typography.Text type="secondary">— {t('flows.processHint')}</Typography.Text>
              </Radio>
              <br />
              <Radio value="automation">
                {t('flows.automation')}{' '}
                <Typography.Text type="secondary">— {t('flows.automationHint')}</Typography.Text>
              </Radio>
            </Radio.Group>
          </Form.Item>
          {mode !== 'automation' && (
            <Form.Item
              name="formId"
              label={t('flows.boundForm')}
              rules={[{ required: true, message: t('flows.pickForm') }]}
              extra={publishedForms.length === 0 ? t('flows.noPublishedForms') : undefined}
            >
              <Select
                data-testid="flow-create-form"
                placeholder={t('flows.pickForm')}
                options={publishedForms.map((f) => ({ value: f.id, label: f.name }))}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        title={t('flows.rename')}
        open={renaming !== null}
        onCancel={() => setRenaming(null)}
        destroyOnHidden
        onOk={() => {
          const name = newName.trim();
          const target = renaming;
          setRenaming(null);
          if (name && target && name !== target.name) void act(() => flowApi.rename(target.id, name));
        }}
      >
        <Input
          value={newName}
          maxLength={200}
          aria-label={t('flows.name')}
          data-testid="flow-rename-input"
          onChange={(e) => setNewName(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
