import { describe, expect, it } from 'vitest';
import { demoGazetteer } from './testGazetteer.ts';

const gaz = demoGazetteer();

describe('addresses against the gazetteer', () => {
  it('resolves district, street, community and keeps the detail after them', () => {
    const text = '我住在A市A1区东风街道阳光社区人民路12号3栋2单元501室，楼下很吵';
    const [a] = gaz.extract(text);
    expect(a!.text).toBe('A市A1区东风街道阳光社区人民路12号3栋2单元501室');
    expect(text.slice(a!.start, a!.end)).toBe(a!.text);
    expect(a!.value).toEqual({
      districtId: 'district-1', districtName: 'A1区', streetId: 'street-1-1', streetName: '东风街道',
      communityId: 'community-1-1', communityName: '阳光社区', detail: '人民路12号3栋2单元501室',
    });
  });

  it('a street alone implies its district', () => {
    const [a] = gaz.extract('梅溪湖街道办事处门口');
    expect(a!.value).toMatchObject({ districtName: 'A3区', streetName: '梅溪湖街道' });
  });

  it('a community shared by several districts is ambiguous alone, and resolved by a district named elsewhere', () => {
    expect(gaz.extract('阳光社区的路灯坏了')[0]!.value).toEqual({ ambiguous: true });
    const found = gaz.extract('A5区的阳光社区路灯坏了');
    expect(found[1]!.value).toMatchObject({ districtName: 'A5区', communityId: 'community-5-1', streetName: '雨花亭街道' });
  });

  it('finds addresses the gazetteer does not know: road with number, estate with building', () => {
    const found = gaz.extract('在建设路88号门口，还有枫林雅苑3栋');
    expect(found.map((a) => a.text)).toEqual(['建设路88号', '枫林雅苑3栋']);
    expect(found[0]!.value).toEqual({ detail: '建设路88号' });
  });

  it('full-width characters match and offsets still point into the original text', () => {
    const text = '地址：Ａ２区城南街道';
    const [a] = gaz.extract(text);
    expect(a!.value).toMatchObject({ districtName: 'A2区', streetName: '城南街道' });
    expect(text.slice(a!.start, a!.end)).toBe('Ａ２区城南街道');
  });

  it('nothing in plain text without places', () => {
    expect(gaz.extract('我想咨询一下社保缴费的问题')).toEqual([]);
  });
});
