// Reply templates for agents (internal): the wording of common replies in chat, SMS and calls.
// Slots in 【】 are filled in by the agent.
import type { DemoArticle } from './types.ts';

const template = (t: Omit<DemoArticle, 'kind' | 'audience' | 'owner'>): DemoArticle => ({ ...t, kind: 'template', audience: 'internal', owner: 'center' });

export const TEMPLATES: DemoArticle[] = [
  template({
    key: 'tpl-registered',
    title: '受理告知：已登记并转交部门',
    summary: '告知来电人诉求已登记、转交的部门、办理时限和查询方式。',
    body: '您好，您反映的【诉求概要】已登记，工单编号【工单编号】，查询码【查询码】。我们已转交【承办单位】办理，一般在5个工作日内答复您，请保持电话畅通。您可凭工单编号和查询码在A市12345网站或公众号查询进度。',
    tags: ['受理', '派单', '时限'],
  }),
  template({
    key: 'tpl-urgent',
    title: '紧急诉求告知：已通知抢险单位',
    summary: '燃气泄漏、水管爆裂、电线起火等紧急险情的答复用语：已通知抢险单位，并做安全提示。',
    body: '您好，您反映的【地点】【险情】情况我们已电话通知【抢险单位】，抢险人员正在赶往现场。请您先注意安全：【安全提示】。如有人员受伤或出现明火，请立即拨打119或120。',
    tags: ['紧急', '燃气', '停水', '停电', '抢修'],
  }),
  template({
    key: 'tpl-consultation',
    title: '咨询答复：按知识库直接答复',
    summary: '政策咨询能直接答复时的答复框架，须说明依据来源。',
    body: '您好，关于您咨询的【问题】，根据【文章标题或政策文件】：【答复要点】。如需进一步了解，可咨询【主管部门】，电话【部门电话】。感谢您对12345热线的信任。',
    tags: ['咨询', '直接答复'],
  }),
  template({
    key: 'tpl-out-of-scope',
    title: '不予受理告知：引导通过法定途径',
    summary: '诉求已进入诉讼、仲裁、信访等法定途径，或属于110等紧急警情时的告知用语。',
    body: '您好，您反映的问题【已进入诉讼/仲裁/行政复议程序，或属于紧急警情】，按照规定不属于12345热线受理范围。建议您【通过人民法院/劳动人事争议仲裁委员会/拨打110】办理。感谢您的理解。',
    tags: ['不受理', '受理范围'],
  }),
  template({
    key: 'tpl-need-info',
    title: '补充信息：请来电人补充地址或证据',
    summary: '诉求信息不完整、无法派单时请来电人补充的用语。',
    body: '您好，为了准确转交相关部门办理，请您补充以下信息：【具体地址（区、街道、小区、楼栋）/发生时间/对方单位名称/相关照片或凭证】。补充后我们会尽快为您转办。',
    tags: ['补充信息', '受理'],
  }),
  template({
    key: 'tpl-duplicate',
    title: '重复诉求告知：已有工单正在办理',
    summary: '同一事项已有工单在办理时的答复用语。',
    body: '您好，您反映的【诉求概要】此前已登记，工单编号【原工单编号】，目前由【承办单位】办理中，我们已为您催办，并把您本次反映的情况补充到原工单。办理结果会及时反馈给您。',
    tags: ['重复诉求', '催办', '并单'],
  }),
  template({
    key: 'tpl-wage',
    title: '欠薪诉求受理告知',
    summary: '拖欠工资诉求登记后的告知用语。',
    body: '您好，您反映的【单位或项目名称】拖欠【人数】人工资【金额】的情况已登记，我们已作为优先事项转交【区】人力资源和社会保障局劳动保障监察大队办理。请您保存好劳动合同、考勤记录、工资条等材料，监察人员可能会与您联系核实。',
    tags: ['欠薪', '受理'],
  }),
  template({
    key: 'tpl-followup',
    title: '回访用语：办结后满意度回访',
    summary: '回访员电话回访的开场和评价用语。',
    body: '您好，这里是A市12345热线回访，关于您【日期】反映的【诉求概要】（工单编号【工单编号】），承办单位答复：【答复要点】。请问您的问题是否已经解决？您对办理结果是满意、基本满意还是不满意？',
    tags: ['回访', '满意度'],
  }),
];
