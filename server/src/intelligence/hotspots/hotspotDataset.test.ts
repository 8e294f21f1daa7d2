import { beforeAll, describe, expect, it } from 'vitest';
import { replayBoard, type ReplayResult } from './board.ts';
import { HOTSPOT_FILE, hasHotspotFile, loadMessageBoard, type BoardMessage } from './messageBoard.ts';

// The citizen-messages hotspot file has no event labels. Two things in it are nonetheless known
// to be the same event: a message posted again (near-identical text, found by MinHash + Jaccard)
// and messages with the very same title. Both must land in one hotspot.
describe.skipIf(!hasHotspotFile())('hotspots on the message-board data set', () => {
  let messages: BoardMessage[];
  let r: ReplayResult;
  beforeAll(() => {
    messages = loadMessageBoard();
    r = replayBoard(messages);
  }, 300_000);

  it('near-duplicate messages share a hotspot', () => {
    expect(r.duplicates.length).toBeGreaterThan(50);
    const together = r.duplicates.filter((p) => r.clusterOf.get(p.a) === r.clusterOf.get(p.b)).length;
    expect(together / r.duplicates.length).toBeGreaterThan(0.95);
  });

  it('messages with the same title share a hotspot', () => {
    const byTitle = new Map<string, string[]>();
    for (const m of messages) byTitle.set(m.title, [...(byTitle.get(m.title) ?? []), m.id]);
    const groups = [...byTitle.values()].filter((ids) => ids.length > 1);
    const together = groups.filter((ids) => new Set(ids.map((id) => r.clusterOf.get(id))).size === 1).length;
    expect(groups.length).toBeGreaterThan(20);
    expect(together / groups.length).toBeGreaterThan(0.9);
  });

  it('the top hotspots are raised by many people and centre on one place or one subject', () => {
    const byId = new Map(messages.map((m) => [m.id, m]));
    for (const h of r.ranked.slice(0, 5)) {
      expect(h.reporters).toBeGreaterThanOrEqual(3);
      // The first two characters of the main place's name (丽发 of 丽发新城), or the main keyword.
      const anchor = h.places[0]?.slice(0, 2) ?? h.keywords[0]!;
      const mentioning = h.memberIds.filter((id) => `${byId.get(id)!.title}${byId.get(id)!.body}`.includes(anchor)).length;
      expect(mentioning / h.memberIds.length, `${h.label}: ${anchor}`).toBeGreaterThan(0.7);
    }
  });
});

if (!hasHotspotFile()) console.warn(`hotspots: data set not found at ${HOTSPOT_FILE}; skipping the data-set test`);
