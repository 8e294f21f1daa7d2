// The demo city's gazetteer (A市, A1区–A7区) as plain regions, for extraction tests.
import { COMMUNITIES, DISTRICTS } from '../../demo/city.ts';
import { Gazetteer, type GazetteerRegion } from './gazetteer.ts';

export function demoGazetteer(): Gazetteer {
  const regions: GazetteerRegion[] = [];
  DISTRICTS.forEach((d, i) => {
    const districtId = `district-${i + 1}`;
    regions.push({ id: districtId, parentId: null, name: d.name, level: 'district' });
    d.streets.forEach((s, j) => {
      const streetId = `street-${i + 1}-${j + 1}`;
      regions.push({ id: streetId, parentId: districtId, name: s, level: 'street' });
      if (j === 0) COMMUNITIES.forEach((c, k) => regions.push({ id: `community-${i + 1}-${k + 1}`, parentId: streetId, name: c, level: 'community' }));
    });
  });
  return new Gazetteer(regions);
}
