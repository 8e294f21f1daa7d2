/*
 * Stable data-testid values for end-to-end tests. Do not rename without updating e2e/.
 *
 * login:     login-username, login-password, login-submit, login-error
 * shell:     app-user-name, app-lang-switch, app-logout, nav-<route> (e.g. nav-register)
 * register:  register-channel, register-type, register-urgency, register-title, register-content,
 *            register-category, register-district, register-street, register-address,
 *            register-citizen-name, register-citizen-phone, register-confidential, register-anonymous,
 *            register-attachments, register-resolve-on-spot, register-resolve-content, register-submit,
 *            register-tracking-number, register-query-code
 * dispatch:  dispatcher-tab-<registered|returned|replied|watch>, row-cancel/close/urge/supervise-<trackingNumber>,
 *            row-dispatch-<trackingNumber>, dispatch-modal, dispatch-lead-department,
 *            dispatch-assisting-departments, dispatch-note, dispatch-confirm, duplicates-panel, duplicate-merge-<trackingNumber>
 * lists:     work-order-table, work-order-link-<trackingNumber>
 * dept:      department-tab-<dispatched|handling|warning|overdue>,
 *            row-accept-<trackingNumber>, row-return-<trackingNumber>, row-reply-<trackingNumber>, row-extension-<trackingNumber>
 * review:    row-review-approve-<trackingNumber>, row-review-reject-<trackingNumber>
 * followup:  row-followup-<trackingNumber>, row-reopen-<trackingNumber>
 * detail:    detail-tracking-number, detail-status, detail-version, action-<action> (one per allowed action),
 *            detail-timeline
 * action modal: action-modal, action-note, action-reason, action-content, action-days,
 *            action-op-<request|approve|reject>, action-satisfaction-<satisfied|neutral|dissatisfied>,
 *            action-review-approve-<yes|no>, action-merge-target, action-confirm
 * public:    public-tracking-number, public-query-code, public-submit, public-result, public-status, public-error, public-reply
 * search:    search-q, search-submit        audit: audit-verify, audit-verify-result
 * Row ids are built with TID.rowAction(action, trackingNumber); action modal ids are shared by every action.
 * integrations (管理 · 接口与推送, dotted ids): integrations.tab.<apiKeys|clients|webhooks>, integrations.create.<apiKey|client|webhook>,
 *            integrations.table.<kind>, integrations.form.<kind>, integrations.field.<name|department|url>, integrations.revoke.<id>,
 *            integrations.secretModal, integrations.secret.<label>, integrations.deliveries(.<webhookId>), integrations.redeliver.<deliveryId>
 */
export const TID = {
  loginUsername: 'login-username',
  loginPassword: 'login-password',
  loginSubmit: 'login-submit',
  loginError: 'login-error',

  appUserName: 'app-user-name',
  appLangSwitch: 'app-lang-switch',
  appLogout: 'app-logout',
  nav: (key: string) => `nav-${key}`,

  registerChannel: 'register-channel',
  registerType: 'register-type',
  registerUrgency: 'register-urgency',
  registerTitle: 'register-title',
  registerContent: 'register-content',
  registerCategory: 'register-category',
  registerDistrict: 'register-district',
  registerStreet: 'register-street',
  registerAddress: 'register-address',
  registerCitizenName: 'register-citizen-name',
  registerCitizenPhone: 'register-citizen-phone',
  registerConfidential: 'register-confidential',
  registerAnonymous: 'register-anonymous',
  registerAttachments: 'register-attachments',
  registerResolveOnSpot: 'register-resolve-on-spot',
  registerResolveContent: 'register-resolve-content',
  registerSubmit: 'register-submit',
  registerTrackingNumber: 'register-tracking-number',
  registerQueryCode: 'register-query-code',

  dispatcherTab: (key: string) => `dispatcher-tab-${key}`,
  rowDispatch: (tn: string) => `row-dispatch-${tn}`,
  dispatchModal: 'dispatch-modal',
  dispatchLead: 'dispatch-lead-department',
  dispatchAssisting: 'dispatch-assisting-departments',
  dispatchNote: 'dispatch-note',
  dispatchConfirm: 'dispatch-confirm',
  duplicatesPanel: 'duplicates-panel',
  duplicateMerge: (tn: string) => `duplicate-merge-${tn}`,

  workOrderTable: 'work-order-table',
  workOrderLink: (tn: string) => `work-order-link-${tn}`,
  rowAction: (action: string, tn: string) => `row-${action}-${tn}`,

  detailTrackingNumber: 'detail-tracking-number',
  detailStatus: 'detail-status',
  detailVersion: 'detail-version',
  detailTimeline: 'detail-timeline',
  action: (action: string) => `action-${action}`,

  actionModal: 'action-modal',
  actionNote: 'action-note',
  actionReason: 'action-reason',
  actionContent: 'action-content',
  actionDays: 'action-days',
  actionOp: 'action-op',
  actionSatisfaction: 'action-satisfaction',
  actionReviewApprove: 'action-review-approve',
  actionMergeTarget: 'action-merge-target',
  actionConfirm: 'action-confirm',

  publicTrackingNumber: 'public-tracking-number',
  publicQueryCode: 'public-query-code',
  publicSubmit: 'public-submit',
  publicResult: 'public-result',
  publicStatus: 'public-status',
  publicError: 'public-error',
  publicReply: 'public-reply',

  departmentTab: (key: string) => `department-tab-${key}`,
  searchQ: 'search-q',
  searchSubmit: 'search-submit',
  auditVerify: 'audit-verify',
  auditVerifyResult: 'audit-verify-result',
  /** 管理 · 接口与推送 */
  integrations: {
    tab: (key: string) => `integrations.tab.${key}`,
    create: (kind: string) => `integrations.create.${kind}`,
    table: (kind: string) => `integrations.table.${kind}`,
    form: (kind: string) => `integrations.form.${kind}`,
    field: (name: string) => `integrations.field.${name}`,
    revoke: (id: string) => `integrations.revoke.${id}`,
    secretModal: 'integrations.secretModal',
    secret: (label: string) => `integrations.secret.${label}`,
    openDeliveries: (webhookId: string) => `integrations.deliveries.${webhookId}`,
    deliveries: 'integrations.deliveries',
    redeliver: (deliveryId: string) => `integrations.redeliver.${deliveryId}`,
  },
} as const;
