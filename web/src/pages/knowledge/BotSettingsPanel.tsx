// 问答阈值: when the bot answers, asks a clarifying question, or hands over (administrators).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber } from 'antd';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { knowledgeApi, type BotSettings } from './api';
import { useKnowledgeError } from './shared';

export function BotSettingsPanel() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useKnowledgeError();
  const settings = useAsync(() => knowledgeApi.botSettings(), []);
  const [form] = Form.useForm<BotSettings>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = async (v: BotSettings) => {
    setBusy(true);
    try {
      form.setFieldsValue(await knowledgeApi.saveBotSettings(v));
      message.success(t('common.saved'));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof BotSettings) => (
    <Form.Item name={name} label={t(`knowledge.botSettings.${name}`)} rules={[{ required: true }]}>
      <InputNumber min={0} max={1} step={0.05} style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <Card size="small">
      <Alert type="info" showIcon title={t('knowledge.botSettings.hint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="inline" onFinish={save}>
        {field('answerScore')}
        {field('minScore')}
        {field('clarifyRatio')}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
