import { describe, expect, it } from 'vitest';
import { ManualScheduler, systemScheduler } from './scheduler.ts';

describe('ManualScheduler', () => {
  it('fires due timers in time order, then creation order, at their own times', () => {
    const s = new ManualScheduler(0);
    const fired: string[] = [];
    s.setTimer(20, () => fired.push(`b@${s.now()}`));
    s.setTimer(10, () => fired.push(`a@${s.now()}`));
    s.setTimer(20, () => fired.push(`c@${s.now()}`));
    s.advance(15);
    expect(fired).toEqual(['a@10']);
    expect(s.now()).toBe(15);
    s.advance(5);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
  });

  it('fires timers set by timers when they fall due within the same advance', () => {
    const s = new ManualScheduler(0);
    const fired: number[] = [];
    s.setTimer(10, () => s.setTimer(10, () => fired.push(s.now())));
    s.advance(30);
    expect(fired).toEqual([20]);
  });

  it('never fires a cancelled timer and counts only pending ones', () => {
    const s = new ManualScheduler(0);
    const t = s.setTimer(10, () => {
      throw new Error('cancelled timer fired');
    });
    s.setTimer(5, () => {});
    expect(s.pendingCount).toBe(2);
    t.cancel();
    t.cancel();
    expect(s.pendingCount).toBe(1);
    s.advance(20);
    expect(s.pendingCount).toBe(0);
  });
});

describe('systemScheduler', () => {
  it('fires real timers, not cancelled ones, and survives a throwing callback', async () => {
    const fired: string[] = [];
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    systemScheduler.setTimer(1, () => fired.push('a'));
    systemScheduler.setTimer(1, () => fired.push('b')).cancel();
    systemScheduler.setTimer(1, () => {
      throw new Error('bug');
    });
    await new Promise((r) => setTimeout(r, 30));
    process.off('warning', onWarning);
    expect(fired).toEqual(['a']);
    expect(warnings).toEqual(['AcdTimerError']);
  });
});
