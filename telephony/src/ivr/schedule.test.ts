// Day service / night service (日服/夜服) in the default flow: working days 08:30-18:00 reach a
// person; evenings, weekends and public holidays reach the night menu and voicemail.
import { describe, expect, it } from 'vitest';
import { builtinFlowText } from './builtinFlows.ts';
import { FakeServices } from './testing/fakeServices.ts';
import { flowOf, runCall } from './testing/harness.ts';
import { isWithin, localTime } from './verbs/schedule.ts';

const flow = flowOf(builtinFlowText('default'));
const NIGHT_MENU = '现在是非工作时间，人工服务时间为工作日上午八点半至下午六点。留言请按1，自助服务请按2。';

async function pressOne(at: string, services = new FakeServices()) {
  return runCall(flow, [{ press: '1' }, { press: '1' }, { speak: 8000, end: 'terminator' }], { at: new Date(at), services });
}

describe('schedule verb in the default flow', () => {
  it('a working-day evening takes the night branch: night menu, then voicemail filed with the caller’s number', async () => {
    const run = await pressOne('2025-03-12T20:00:00+08:00');
    expect(run.result.path.find((s) => s.node === 'personHours')?.note).toBe('night:workdays');
    expect(run.port.heard).toContain(NIGHT_MENU);
    expect(run.services.messages.map((m) => [m.kind, m.callerNumber])).toEqual([['voicemail', '13800138000']]);
    expect(run.result.reason).toBe('completed');
  });

  it('office hours are [08:30, 18:00): 08:29 and 18:00 are night, 08:30 and 17:59 are day', async () => {
    for (const [time, expected] of [['08:29', 'night'], ['08:30', 'day'], ['17:59', 'day'], ['18:00', 'night']] as const) {
      const run = await pressOne(`2025-03-12T${time}:00+08:00`);
      expect(run.result.path.find((s) => s.node === 'personHours')?.note, time).toBe(`${expected}:workdays`);
    }
  });

  it('a public holiday at 10:00 takes the night branch (asked as a Beijing date)', async () => {
    const services = new FakeServices();
    services.holidays.add('2025-10-01');
    const run = await pressOne('2025-10-01T10:00:00+08:00', services);
    expect(services.holidayQueries).toEqual(['2025-10-01']);
    expect(run.result.path.find((s) => s.node === 'personHours')?.note).toBe('night:holidays');
    expect(run.services.messages).toHaveLength(1);
  });

  it('a Saturday is a rest day, but a weekend make-up workday (调休) is a working day', async () => {
    const saturday = await pressOne('2025-03-15T10:00:00+08:00');
    expect(saturday.result.path.find((s) => s.node === 'personHours')?.note).toBe('night:restdays');
    const services = new FakeServices();
    services.makeupWorkdays.add('2025-09-28');
    const makeup = await pressOne('2025-09-28T10:00:00+08:00', services);
    expect(makeup.result.reason).toBe('enqueued');
  });

  it('uses the flow’s time zone, not the machine’s: 01:00 UTC is 09:00 in Beijing', async () => {
    expect(localTime(new Date('2025-03-12T01:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2025-03-12', weekday: 3, hhmm: '09:00' });
    expect(localTime(new Date('2025-03-15T16:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2025-03-16', weekday: 7, hhmm: '00:30' });
    expect(isWithin('23:59', [{ from: '08:00', to: '24:00' }])).toBe(true);
  });

  it('when the calendar service fails, the week decides', async () => {
    const services = new FakeServices();
    services.isHoliday = async () => {
      throw new Error('calendar down');
    };
    const run = await pressOne('2025-03-12T10:00:00+08:00', services);
    expect(run.result.reason).toBe('enqueued');
  });
});
