// Create/edit a user, and reset a user's password.
import { useState } from 'react';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { ROLES, type Role } from '@hotline/shared';
import { directoryApi } from '../../api/endpoints';
import type { User } from '../../api/types';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { useI18n } from '../../i18n';
import { useNotifyError } from '../../utils/errorText';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  departmentId: string;
  password?: string;
  phone?: string;
  extension?: string;
  active: boolean;
}

const PASSWORD_RULE = { min: 10, max: 128 };

export function UserFormModal({ user, onClose, onSaved }: { user: User | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const isNew = user === 'new';
  const initial: Partial<Values> =
    user && user !== 'new'
      ? { ...user, phone: user.phone ?? undefined, extension: user.extension ?? undefined }
      : { active: true, role: 'agent' };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        displayName: v.displayName.trim(),
        role: v.role,
        departmentId: v.departmentId,
        active: v.active,
      };
      if (v.phone?.trim()) body.phone = v.phone.trim();
      if (v.extension?.trim()) body.extension = v.extension.trim();
      if (isNew) await directoryApi.createUser({ username: v.username.trim(), ...body, password: v.password });
      else if (user) await directoryApi.updateUser(user.id, body);
      message.success(t('common.saved'));
      onSaved();
      onClose();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!user} title={isNew ? t('admin.users.new') : t('common.edit')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="username" label={t('admin.users.username')} rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{2,32}$/, message: t('admin.users.usernameRule') }]}>
          <Input disabled={!isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.users.displayName')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: label('role', r) }))} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('wo.department')} rules={[{ required: true }]}>
          <DepartmentSelect />
        </Form.Item>
        {isNew && (
          <Form.Item name="password" label={t('admin.users.password')} rules={[{ required: true, ...PASSWORD_RULE, message: t('admin.users.passwordRule') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t('admin.phone')} rules={[{ max: 20 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="extension" label={t('admin.users.extension')} rules={[{ pattern: /^[0-9]{3,6}$/, message: t('admin.users.extensionRule') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label={t('admin.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const checked = await form.validateFields().catch(() => null);
    if (!checked) return;
    const { password } = checked;
    if (!user) return;
    setBusy(true);
    try {
      await directoryApi.updateUser(user.id, { password });
      message.success(t('admin.users.passwordReset', { name: user.displayName }));
      onClose();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!user} title={`${t('admin.users.resetPassword')} · ${user?.displayName ?? ''}`} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="password" label={t('admin.users.newPassword')} rules={[{ required: true, ...PASSWORD_RULE, message: t('admin.users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
