import type { AppealType } from '@hotline/shared';

// Appeal templates for generated demo orders, written for the demo city. Slots: {street} a street,
// {road} a road, {estate} a housing estate, {n} a small number, {time} a time of day.

export interface AppealTemplate {
  category: string;
  type: AppealType;
  title: string;
  content: string;
  reply: string;
  urgency?: 'urgent' | 'emergency';
}

export const ROADS = ['芙蓉中路', '五一大道', '人民东路', '韶山北路', '劳动西路', '湘府路', '麓山南路', '万家丽路', '车站北路', '东二环'];
export const ESTATES = ['枫林雅苑', '金色家园', '翠湖小区', '幸福里', '书香名邸', '阳光新城', '锦绣华庭', '和馨园', '丽景湾', '康桥水岸'];
export const TIMES = ['凌晨一点', '晚上十一点', '早上六点', '中午十二点', '深夜', '傍晚'];

export const TEMPLATES: AppealTemplate[] = [
  { category: '城乡建设/城市建设和市政管理/城管执法', type: 'complaint', title: '{road}附近工地夜间施工噪音扰民', content: '{street}{road}旁边的工地连续几天{time}还在打桩施工，噪音很大，附近居民根本无法休息，请相关部门尽快核查处理。', reply: '经现场核查，该工地未办理夜间施工许可，执法人员已责令其立即停止夜间作业，并处以罚款。后续将加强夜间巡查。' },
  { category: '城乡建设/城市建设和市政管理/环境卫生', type: 'complaint', title: '{estate}门口垃圾堆积无人清运', content: '{street}{estate}小区门口的垃圾站已经{n}天没人清运了，气味很重还招来很多苍蝇，希望尽快安排清理。', reply: '已协调环卫作业单位当天完成清运，并将该点位纳入每日两次的清运计划。' },
  { category: '城乡建设/城市建设和市政管理/城市公共设施', type: 'help', title: '{road}路灯不亮存在安全隐患', content: '{street}{road}有一段路大约{n}盏路灯晚上不亮，行人和电动车经过很危险，请维修。', reply: '路灯维护单位已更换损坏的灯具和线路，目前该路段照明已恢复正常。' },
  { category: '城乡建设/城市建设和市政管理/燃气供应', type: 'help', title: '{estate}楼道闻到燃气味', content: '{street}{estate}{n}栋二单元楼道里有很浓的燃气味，担心是管道泄漏，请马上派人来看看。', reply: '燃气抢险人员到场检测，确认为立管接口轻微渗漏，已完成紧固和更换密封件，复测无泄漏。', urgency: 'emergency' },
  { category: '城乡建设/城市建设和市政管理/自来水供应', type: 'help', title: '{estate}停水没有提前通知', content: '{street}{estate}从今天早上开始停水，没有看到任何停水通知，家里有老人小孩很不方便，请问什么时候恢复供水？', reply: '因市政管网抢修临时停水，已于当日18时恢复供水。我们已要求供水单位今后停水须提前24小时张贴通知。' },
  { category: '城乡建设/城市建设和市政管理/电力供应', type: 'help', title: '{street}片区频繁停电', content: '最近一周{street}一带已经停电{n}次，每次都是晚上，冰箱里的东西都坏了，请问是什么原因？', reply: '经排查为片区变压器负荷过高，供电公司已完成增容改造，近期未再发生停电。' },
  { category: '城乡建设/城市建设和市政管理/小区管理', type: 'complaint', title: '{estate}物业不作为电梯长期故障', content: '{street}{estate}{n}栋电梯坏了一个多月，物业一直推说在等配件，楼上住着很多老人，上下楼非常困难。', reply: '已约谈物业服务企业，电梯已于本周完成维修并经检验合格投入使用，物业承诺建立故障限时维修制度。' },
  { category: '城乡建设/住房保障与房地产', type: 'consultation', title: '咨询公租房申请条件', content: '我在{street}租房住，想咨询一下申请公共租赁住房需要满足哪些条件，需要准备什么材料，到哪里办理？', reply: '申请人须在本市连续缴纳社保满一年且家庭人均住房面积低于标准，可携带身份证、户口簿、收入证明到所在街道政务服务大厅申请。' },
  { category: '城乡建设/安全生产/安全隐患', type: 'report', title: '{road}一家门店违规存放液化气罐', content: '{street}{road}一家餐馆后厨堆放了十几个液化气钢瓶，就在居民楼底下，感觉非常危险，请尽快检查。', reply: '应急管理部门会同街道现场检查，责令该门店清理超量钢瓶并完成燃气改造，已复查整改到位。', urgency: 'urgent' },
  { category: '环境保护/环境污染', type: 'report', title: '{street}一家工厂夜间偷排废气', content: '{street}附近有家工厂每天{time}就开始排放刺鼻的废气，周边居民晚上不敢开窗，怀疑是偷排，请环保部门查处。', reply: '执法人员夜间突击检查，发现该企业废气处理设施未正常运行，已立案查处并责令停产整改。' },
  { category: '环境保护/环境污染', type: 'complaint', title: '{road}餐饮油烟扰民', content: '{street}{road}新开的几家烧烤店油烟直排，楼上住户家里全是油烟味，晚上还很吵。', reply: '已责令相关商户安装油烟净化设施并限期整改，同时规范其经营时间。' },
  { category: '交通运输/出租车管理', type: 'complaint', title: '出租车司机拒载绕路', content: '今天{time}在{road}打车，司机先是拒载，后来又故意绕路多收了{n}十元，车牌号记下了，希望处理。', reply: '经调取行车记录核实，驾驶员存在绕路行为，已责令退还多收费用并予以处罚、扣减服务质量信誉分。' },
  { category: '城乡建设/城市建设和市政管理/公共汽车', type: 'suggestion', title: '建议增开{street}到高铁站的公交线路', content: '{street}到高铁站目前没有直达公交，要换乘两次，建议增开一条直达线路或者延长现有线路。', reply: '公交集团已将该需求纳入线网优化方案，拟于下季度延伸一条现有线路至高铁站，届时将向社会公告。' },
  { category: '政法/交通管理', type: 'suggestion', title: '{road}路口建议增设红绿灯', content: '{street}{road}与支路交叉口车流量很大，没有信号灯，早晚高峰经常发生刮擦，学生过马路很危险，建议增设红绿灯。', reply: '交警支队已完成路口交通流量调查，将于近期增设信号灯和人行横道。' },
  { category: '教育文体/教育收费', type: 'complaint', title: '学校违规收取资料费', content: '{street}某小学要求每个学生交{n}百元的资料费和校服费，没有开收据，家长们意见很大。', reply: '教育局已责令学校全额退还违规收取的费用，并对学校负责人进行约谈。' },
  { category: '教育文体/考试招生', type: 'consultation', title: '咨询随迁子女入学政策', content: '我们全家在{street}居住工作，孩子今年上小学，想咨询非本地户籍随迁子女入学需要什么条件和材料。', reply: '随迁子女入学需提供父母居住证、就业或经营证明等材料，在规定时间内登录入学服务平台登记，具体以当年招生公告为准。' },
  { category: '劳动和社会保障/工资福利', type: 'help', title: '{street}某公司拖欠农民工工资', content: '我在{street}一个工地干活，老板拖欠我们{n}个月的工资，一共十几个工人，找了多次都说没钱。', reply: '劳动保障监察部门已介入，督促施工总包单位通过工资专用账户足额支付拖欠工资，工人已全部领到工资。', urgency: 'urgent' },
  { category: '劳动和社会保障/城镇职工社会保险', type: 'consultation', title: '咨询社保断缴后如何续缴', content: '我之前在{street}的公司上班，离职后社保断了{n}个月，现在想以个人身份续缴，请问怎么办理？', reply: '可以灵活就业人员身份通过社保网上服务平台或到就近社保经办窗口办理参保续缴，断缴期间按规定可补缴。' },
  { category: '卫生计生/医患纠纷', type: 'complaint', title: '医院就诊排队时间过长服务态度差', content: '今天带孩子在{street}附近的医院看急诊，等了{n}个小时没人管，护士态度很差，希望整改。', reply: '卫健委已责成该医院调查处理，医院对当事护士进行批评教育，并增加急诊高峰时段人员配置。' },
  { category: '卫生计生/公共卫生', type: 'consultation', title: '咨询成人疫苗接种点', content: '想咨询{street}附近哪个社区卫生服务中心可以接种成人流感疫苗，需要预约吗？', reply: '{street}社区卫生服务中心可接种，周一至周五上午办理，建议通过健康服务平台提前预约。' },
  { category: '商贸旅游/市场监管', type: 'complaint', title: '商家预付卡跑路无法退款', content: '{street}一家健身房突然关门，我办的年卡还有{n}千元余额没用，联系不上老板，请帮忙维权。', reply: '市场监管部门已立案并联系经营者，督促其制定退款方案，目前已退还部分消费者预付款，其余纳入后续处置。' },
  { category: '商贸旅游/旅游管理', type: 'complaint', title: '景区停车乱收费', content: '周末去{street}附近的景区，停车场收费{n}十元一次，没有明码标价，也不给发票。', reply: '已责令景区停车场公示收费标准并出具票据，对超标准收费部分予以退还。' },
  { category: '民政/社会救助', type: 'help', title: '困难家庭申请低保', content: '我家住{street}，丈夫重病不能工作，孩子还在上学，家庭收入很低，想申请低保，不知道找谁。', reply: '街道已上门走访核实情况，指导其提交低保申请，目前已进入审核公示程序。' },
  { category: '民政/社会服务', type: 'praise', title: '表扬{street}社区工作人员', content: '感谢{street}社区的工作人员，帮我家独居老人办理了助餐服务，还经常上门看望，非常暖心。', reply: '感谢您的肯定，我们已将表扬转达所在社区，将继续做好为老服务。' },
  { category: '城乡建设/城乡规划', type: 'suggestion', title: '建议在{estate}周边增建口袋公园', content: '{street}{estate}周边人口很多，但没有可以休闲散步的地方，建议利用附近闲置地块建一个口袋公园。', reply: '规划部门已将该地块纳入城市更新口袋公园选址库，待方案成熟后公示征求意见。' },
  { category: '政法/社会治安', type: 'report', title: '{road}有人深夜聚众赌博', content: '{street}{road}一间棋牌室每天深夜有很多人聚集赌博，进出的人很杂，影响周边治安。', reply: '公安机关已依法查处该棋牌室，对涉赌人员予以处罚。' },
];
