// The demo city's ACD: a general 12345 line, an emergency/safety line, the 适老化 line for older
// citizens, a foreign-language line and the text channels. Numbers in the lists are invented.
//
// How the lines hand over: the IVR sends safety hazards to `safety` tagged `emergency`, and older
// callers (key press, or a registered number) to `elderly` tagged `elderly`; when those lines are
// saturated the calls overflow into `general`, where the same tags keep them at the front.
import type { AcdConfigInput } from './config.ts';

export const demoAcdConfig: AcdConfigInput = {
  numberLists: {
    // Deputies and committee members who follow up cases on citizens' behalf (重点来电).
    vip: ['19900000001', '19900000002', '19900000003'],
    // Citizens over 65 who registered for the 一键呼入 line.
    elderly: ['19900006501', '19900006502', '19900006503', '19900006504'],
  },
  queues: [
    {
      id: 'general',
      name: '12345综合服务',
      channels: ['voice'],
      skills: [{ skill: 'general', minLevel: 3 }],
      strategy: 'skillsWeighted',
      priorityRules: [
        { name: 'emergency', when: { kind: 'tag', tag: 'emergency' }, priority: 100 },
        { name: 'elderly line', when: { kind: 'tag', tag: 'elderly' }, priority: 40 },
        { name: 'registered elderly', when: { kind: 'numberList', list: 'elderly' }, priority: 40 },
        { name: 'vip', when: { kind: 'numberList', list: 'vip' }, priority: 30 },
        { name: 'called again within 2 h', when: { kind: 'repeatCaller', withinSeconds: 7200, minPreviousCalls: 1 }, priority: 20 },
      ],
      // After half a minute a newer colleague is better than more waiting.
      relax: [{ afterSeconds: 30, skills: [{ skill: 'general', minLevel: 1 }] }],
      maxWaitSeconds: 300,
      overflow: { kind: 'callback' },
      announcePeriodSeconds: 30,
      firstAnnounceSeconds: 10,
      comfortPeriodSeconds: 45,
      comfortPrompts: ['acd.comfort.busy', 'acd.comfort.callback'],
      wrapUpSeconds: 30,
      noAnswerTimeoutSeconds: 15,
    },
    {
      id: 'safety',
      name: '紧急安全类',
      channels: ['voice'],
      skills: [{ skill: 'safety', minLevel: 2 }],
      // Several trained agents ring at once; the first free hand takes it.
      strategy: 'ringAll',
      ringAllMax: 3,
      basePriority: 100,
      maxWaitSeconds: 30,
      overflow: { kind: 'queue', queueId: 'general' },
      announcePeriodSeconds: null,
      comfortPeriodSeconds: 15,
      comfortPrompts: ['acd.comfort.urgent'],
      wrapUpSeconds: 60,
      noAnswerTimeoutSeconds: 10,
      missedCallback: { enabled: true, minWaitSeconds: 0 },
    },
    {
      id: 'elderly',
      name: '适老化专席',
      channels: ['voice'],
      skills: [{ skill: 'elderly', minLevel: 2 }],
      strategy: 'longestIdle',
      basePriority: 40,
      relax: [{ afterSeconds: 20, skills: [{ skill: 'elderly', minLevel: 1 }] }],
      maxWaitSeconds: 90,
      overflow: { kind: 'queue', queueId: 'general' },
      // Fewer, slower announcements: repeated interruptions confuse more than they inform.
      announcePeriodSeconds: 40,
      firstAnnounceSeconds: 15,
      comfortPeriodSeconds: 60,
      comfortPrompts: ['acd.comfort.elderly'],
      musicOnHold: 'gentle',
      wrapUpSeconds: 45,
      noAnswerTimeoutSeconds: 20,
      expectedHandleSeconds: 360,
    },
    {
      id: 'foreign',
      name: '外语服务 Foreign language',
      channels: ['voice'],
      skills: [{ skill: 'english', minLevel: 3 }],
      // Few bilingual agents: spread the calls evenly among them.
      strategy: 'fewestCalls',
      relax: [{ afterSeconds: 60, skills: [{ skill: 'english', minLevel: 2 }] }],
      maxWaitSeconds: 180,
      overflow: { kind: 'voicemail' },
      comfortPrompts: ['acd.comfort.en'],
      wrapUpSeconds: 45,
    },
    {
      id: 'text',
      name: '网络文字客服',
      channels: ['chat', 'wechat', 'sms'],
      skills: [{ skill: 'general', minLevel: 2 }],
      strategy: 'longestIdle',
      priorityRules: [{ name: 'vip', when: { kind: 'numberList', list: 'vip' }, priority: 30 }],
      announcePeriodSeconds: 60,
      firstAnnounceSeconds: 30,
      comfortPeriodSeconds: null,
      wrapUpSeconds: 10,
      noAnswerTimeoutSeconds: 30,
      // GB/T 33358: online messages answered within 3 minutes.
      serviceLevelSeconds: 180,
      expectedHandleSeconds: 480,
      missedCallback: { enabled: false, minWaitSeconds: 0 },
    },
  ],
};
