// snake_case columns ↔ camelCase fields, derived once so SQL and types cannot drift apart.

export const toSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function selectList(fields: readonly string[], alias = 'w'): string {
  return fields.map((f) => `${alias}.${toSnake(f)} AS "${f}"`).join(', ');
}

export const WORK_ORDER_FIELDS = [
  'id', 'trackingNumber', 'queryCode', 'channel', 'type', 'urgency', 'title', 'content', 'categoryId', 'districtId',
  'streetId', 'address', 'lat', 'lng', 'citizenName', 'citizenPhone', 'citizenIdCard', 'citizenEmail', 'anonymous',
  'confidential', 'status', 'version', 'holderDepartmentId', 'leadDepartmentId', 'dispatcherDepartmentId',
  'centerDepartmentId', 'createdBy', 'createdAt', 'updatedAt', 'dispatchedAt', 'acceptDeadline', 'acceptedAt',
  'handleDeadline', 'handleWarnAt', 'deadlineState', 'extensionRequest', 'replyContent', 'repliedAt', 'closedAt',
  'resolvedOnSpot', 'satisfaction', 'followedUpAt', 'reopenCount', 'returnCount', 'extensionCount', 'urgeCount',
  'supervised', 'mergedInto', 'sourceRef',
] as const;

export const SUMMARY_FIELDS = [
  'id', 'trackingNumber', 'title', 'type', 'channel', 'urgency', 'status', 'categoryId', 'districtId',
  'leadDepartmentId', 'holderDepartmentId', 'citizenName', 'citizenPhone', 'anonymous', 'confidential', 'createdAt',
  'handleDeadline', 'deadlineState', 'supervised', 'urgeCount', 'version', 'satisfaction',
] as const;
