// Edit an agent's skills (skill name → level 1–10); the ACD routes by them at once.
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ctiApi, type WallboardAgent } from '../../api/cti';
import { useI18n } from '../../i18n';
import { TID } from '../../testIds';
import { useErrorText } from '../../utils/errorText';

const W = TID.wallboard;

interface Row {
  skill: string;
  level: number;
}

export function SkillsModal({ agent, onClose, onSaved }: { agent: WallboardAgent | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ rows: Row[] }>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const save = async () => {
    if (!agent) return;
    const { rows } = await form.validateFields();
    const skills = Object.fromEntries((rows ?? []).map((r) => [r.skill.trim(), r.level]));
    setBusy(true);
    setFailed(null);
    try {
      await ctiApi.setSkills(agent.agentId, skills);
      onSaved();
      onClose();
    } catch (e) {
      setFailed(errorText(e).text);
    } finally {
      setBusy(false);
    }
  };

  const initial = { rows: Object.entries(agent?.skills ?? {}).map(([skill, level]) => ({ skill, level })) };
  return (
    <Modal
      open={agent !== null}
      title={t('wall.skillsTitle', { name: agent?.displayName ?? '' })}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': `${W.skillsModal}.ok` }}
      destroyOnHidden
    >
      <div data-testid={W.skillsModal}>
        {failed && <Alert type="error" showIcon title={failed} style={{ marginBottom: 12 }} />}
        <Form form={form} preserve={false} initialValues={initial}>
          <Form.List name="rows">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item
                      name={[f.name, 'skill']}
                      rules={[
                        { required: true, whitespace: true, message: t('wall.skill') },
                        // The server's rule for skill names.
                        { pattern: /^[a-zA-Z][a-zA-Z0-9_-]{0,31}$/, message: t('wall.skillRule') },
                        {
                          validator: async (_, v: string) => {
                            const names = ((form.getFieldValue('rows') as Row[] | undefined) ?? []).map((r) => r?.skill?.trim());
                            if (v && names.filter((n) => n === v.trim()).length > 1) throw new Error(t('wall.skillDuplicate'));
                          },
                        },
                      ]}
                    >
                      <Input data-testid={W.skillName(i)} placeholder={t('wall.skill')} maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'level']} rules={[{ required: true, type: 'integer', min: 1, max: 10, message: t('wall.level') }]}>
                      <InputNumber data-testid={W.skillLevel(i)} min={1} max={10} precision={0} placeholder={t('wall.level')} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                  </Space>
                ))}
                <Button data-testid={W.skillAdd} icon={<PlusOutlined />} onClick={() => add({ skill: '', level: 5 })}>
                  {t('wall.addSkill')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </div>
    </Modal>
  );
}
