import type { AppealType, Channel, DepartmentKind, Role, Satisfaction, Urgency, WorkOrderStatus, WorkOrderAction } from './enums.ts';

// Simplified Chinese labels of the domain vocabulary; the web's English dictionary reuses the keys.
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '班长',
  agent: '话务员',
  dispatcher: '派单员',
  dept_handler: '承办人',
  dept_leader: '部门领导',
  followup_agent: '回访员',
  leader: '领导',
  auditor: '审计员',
};

export const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  registered: '待派单',
  dispatched: '待签收',
  returned: '已退单',
  handling: '办理中',
  reviewing: '待审核',
  replied: '已答复',
  closed: '已办结',
  followedUp: '已回访',
  cancelled: '已撤销',
  merged: '已并单',
};

export const ACTION_LABELS: Record<WorkOrderAction | 'register', string> = {
  register: '受理',
  dispatch: '派单',
  accept: '签收',
  return: '退单',
  reassign: '改派',
  extension: '延期',
  reply: '答复',
  review: '审核',
  close: '办结',
  followUp: '回访',
  reopen: '重办',
  supervise: '督办',
  urge: '催办',
  merge: '并单',
  cancel: '撤销',
  resolveOnSpot: '直接办结',
  note: '备注',
};

export const APPEAL_TYPE_LABELS: Record<AppealType, string> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
  other: '其他',
};

export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话',
  web: '网站',
  wechat: '微信',
  app: '移动应用',
  email: '电子邮件',
  sms: '短信',
  open311: 'Open311',
  walkin: '来访',
  letter: '来信',
};

export const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', neutral: '基本满意', dissatisfied: '不满意' };

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  center: '热线中心',
  district_center: '区县分中心',
  bureau: '职能部门',
  street: '街道/乡镇',
  community: '社区/村',
  enterprise: '公共企事业单位',
};
