// The fictional demo city "A市": its districts and streets, departments, and dispatch catalogue.
// Every name here is invented for the demo.

export const DISTRICTS: { name: string; streets: string[] }[] = [
  { name: 'A1区', streets: ['东风街道', '解放街道', '湘江街道', '望月湖街道'] },
  { name: 'A2区', streets: ['城南街道', '桂花街道', '金盆岭街道'] },
  { name: 'A3区', streets: ['岳麓街道', '梅溪湖街道', '观沙岭街道', '洋湖街道'] },
  { name: 'A4区', streets: ['四方坪街道', '伍家岭街道', '捞刀河街道'] },
  { name: 'A5区', streets: ['雨花亭街道', '高桥街道', '圭塘街道', '洞井街道'] },
  { name: 'A6区', streets: ['星沙街道', '泉塘街道', '湘龙街道'] },
  { name: 'A7区', streets: ['白沙洲街道', '芙蓉街道', '开福寺街道'] },
];

/** Communities under the first street of each district (enough to show the fourth level). */
export const COMMUNITIES = ['阳光社区', '和平社区', '长青社区'];

export const CENTER = { name: 'A市12345政务服务便民热线中心', phone: '12345', dutyScope: '受理市民诉求，派单、督办、回访、考核。' };

export interface BureauSpec {
  key: string;
  name: string;
  kind: 'bureau' | 'enterprise';
  phone: string;
  dutyScope: string;
}

export const BUREAUS: BureauSpec[] = [
  { key: 'housing', name: 'A市住房和城乡建设局', kind: 'bureau', phone: '0731-8800101', dutyScope: '房地产市场、物业管理、建筑工程质量与施工管理、保障性住房。' },
  { key: 'urban', name: 'A市城市管理和综合执法局', kind: 'bureau', phone: '0731-8800102', dutyScope: '市容环境卫生、占道经营、违章搭建、夜间施工噪声执法、垃圾清运。' },
  { key: 'eco', name: 'A市生态环境局', kind: 'bureau', phone: '0731-8800103', dutyScope: '大气、水、噪声、固体废物污染防治与环评审批。' },
  { key: 'transport', name: 'A市交通运输局', kind: 'bureau', phone: '0731-8800104', dutyScope: '道路运输、出租车与网约车、公交线路规划、交通工程建设。' },
  { key: 'traffic', name: 'A市公安局交通警察支队', kind: 'bureau', phone: '0731-8800105', dutyScope: '交通秩序、违法停车、信号灯设置、交通事故处理。' },
  { key: 'police', name: 'A市公安局', kind: 'bureau', phone: '0731-8800110', dutyScope: '社会治安、户籍证件、出入境、刑事案件。' },
  { key: 'education', name: 'A市教育局', kind: 'bureau', phone: '0731-8800106', dutyScope: '学校管理、招生入学、教育收费、校外培训、教师队伍。' },
  { key: 'hrss', name: 'A市人力资源和社会保障局', kind: 'bureau', phone: '0731-8800107', dutyScope: '就业、劳动关系、工资拖欠、社会保险、退休待遇。' },
  { key: 'medicare', name: 'A市医疗保障局', kind: 'bureau', phone: '0731-8800108', dutyScope: '医保参保缴费、待遇报销、定点医药机构监管。' },
  { key: 'health', name: 'A市卫生健康委员会', kind: 'bureau', phone: '0731-8800109', dutyScope: '医疗机构监管、医患纠纷调处、公共卫生、疫苗接种。' },
  { key: 'market', name: 'A市市场监督管理局', kind: 'bureau', phone: '0731-8800111', dutyScope: '消费维权、价格与广告监管、食品药品安全、特种设备（电梯）。' },
  { key: 'culture', name: 'A市文化旅游广电局', kind: 'bureau', phone: '0731-8800112', dutyScope: '旅游市场秩序、景区管理、文化娱乐场所、体育设施。' },
  { key: 'land', name: 'A市自然资源和规划局', kind: 'bureau', phone: '0731-8800113', dutyScope: '城乡规划、不动产登记、土地征收与利用。' },
  { key: 'water', name: 'A市水务局', kind: 'bureau', phone: '0731-8800114', dutyScope: '供水排水、防汛、河道管理、水利工程。' },
  { key: 'civil', name: 'A市民政局', kind: 'bureau', phone: '0731-8800115', dutyScope: '社会救助、养老服务、婚姻登记、社区建设、殡葬管理。' },
  { key: 'emergency', name: 'A市应急管理局', kind: 'bureau', phone: '0731-8800119', dutyScope: '安全生产监管、危险化学品、燃气泄漏等突发事件应急处置。' },
  { key: 'power', name: '国网A市供电公司', kind: 'enterprise', phone: '95598', dutyScope: '城区供电、停电抢修、电表与电费。' },
  { key: 'gas', name: 'A市燃气集团有限公司', kind: 'enterprise', phone: '0731-96512', dutyScope: '管道燃气供应、燃气安全检查与抢险。' },
  { key: 'bus', name: 'A市公共交通集团', kind: 'enterprise', phone: '0731-8800120', dutyScope: '公交线路运营、车辆与驾驶员服务。' },
];

/** Category path (level 1, or level 1/level 2, or full) → responsible bureau key; most specific wins. */
export const CATALOGUE: [string, string][] = [
  ['城乡建设', 'housing'],
  ['城乡建设/城市建设和市政管理', 'urban'],
  ['城乡建设/城市建设和市政管理/燃气供应', 'gas'],
  ['城乡建设/城市建设和市政管理/电力供应', 'power'],
  ['城乡建设/城市建设和市政管理/自来水供应', 'water'],
  ['城乡建设/城市建设和市政管理/公共汽车', 'bus'],
  ['城乡建设/城市建设和市政管理/小区管理', 'housing'],
  ['城乡建设/安全生产', 'emergency'],
  ['城乡建设/城乡规划', 'land'],
  ['环境保护', 'eco'],
  ['交通运输', 'transport'],
  ['政法/交通管理', 'traffic'],
  ['政法', 'police'],
  ['教育文体', 'education'],
  ['教育文体/文化', 'culture'],
  ['教育文体/体育', 'culture'],
  ['劳动和社会保障', 'hrss'],
  ['卫生计生', 'health'],
  ['卫生计生/食品药品监管', 'market'],
  ['商贸旅游', 'market'],
  ['商贸旅游/旅游管理', 'culture'],
  ['国土资源', 'land'],
  ['民政', 'civil'],
  ['农村农业/水利水电', 'water'],
  ['经济管理/安全生产', 'emergency'],
];
