import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractPhones } from './phones.ts';
import { checkIdCard, extractIdCards, idCardCheckChar } from './idCard.ts';
import { extractPlates } from './plates.ts';

describe('phones', () => {
  it('finds mobiles with and without +86 and separators, normalised and masked', () => {
    const found = extractPhones('电话13812345678，或者+86 139-1234-5678，也可以打 86 137 0000 1111');
    expect(found.map((p) => p.value.number)).toEqual(['13812345678', '13912345678', '13700001111']);
    expect(found[0]!.value).toMatchObject({ type: 'mobile', masked: '138****5678' });
    expect(found.every((p) => p.text === '电话13812345678，或者+86 139-1234-5678，也可以打 86 137 0000 1111'.slice(p.start, p.end))).toBe(true);
  });

  it('finds landlines with an area code and an extension; the local number is masked but its last four digits', () => {
    const [a, b, c] = extractPhones('座机0731-88001234转801，北京的010-12345678，（0731）8800 1234');
    expect(a!.value).toEqual({ type: 'landline', number: '0731-88001234', extension: '801', masked: '0731-****1234' });
    expect(b!.value.number).toBe('010-12345678');
    expect(c!.value.number).toBe('0731-88001234');
  });

  it('finds 400 service numbers', () => {
    expect(extractPhones('客服400-800-1234')[0]!.value).toMatchObject({ type: 'service', number: '4008001234' });
  });

  it('ignores digit runs that are not phones: order numbers, too long, 010 with 7 digits, prices', () => {
    expect(extractPhones('订单号138123456789012，金额12345元，编号2026112300001')).toEqual([]);
    expect(extractPhones('010-1234567')).toEqual([]);
    expect(extractPhones('12812345678')).toEqual([]);
  });
});

describe('ID card numbers (GB 11643)', () => {
  // 11010519491231002X is the standard's own worked example.
  it('validates the checksum of the standard example and reports birth date and gender', () => {
    expect(checkIdCard('11010519491231002X', '2026-01-01')).toEqual({ valid: true, birthDate: '1949-12-31', gender: 'female' });
    expect(idCardCheckChar('11010519491231002')).toBe('X');
  });

  it('reports a wrong check character, an impossible birth date and an unknown region', () => {
    expect(checkIdCard('110105194912310021', '2026-01-01')).toEqual({ valid: false, reason: 'checksum' });
    expect(checkIdCard('110105194902300021', '2026-01-01')).toMatchObject({ valid: false, reason: 'birthDate' });
    expect(checkIdCard('990105194912310021', '2026-01-01')).toMatchObject({ valid: false, reason: 'region' });
  });

  it('a birth date after today is not valid', () => {
    const first17 = '43010220300101001';
    expect(checkIdCard(first17 + idCardCheckChar(first17), '2026-11-23')).toMatchObject({ valid: false, reason: 'birthDate' });
  });

  it('extraction never returns the clear number, only the masked one', () => {
    const text = '我的身份证是11010519491231002x，请核实';
    const [e] = extractIdCards(text, '2026-11-23');
    expect(e!.value).toMatchObject({ valid: true, masked: '1101**********002X' });
    expect(JSON.stringify(e)).not.toContain('19491231');
    expect(text.slice(e!.start, e!.end).toUpperCase()).toBe('11010519491231002X');
  });

  it('property: any 17 digits with a real birth date plus their check character validate, and any other final character does not', () => {
    const date = fc.date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.constantFrom('110105', '430102', '320104'), date, fc.integer({ min: 0, max: 999 }), fc.constantFrom(...'0123456789X'), (region, d, seq, other) => {
        const first17 = region + d.toISOString().slice(0, 10).replace(/-/g, '') + String(seq).padStart(3, '0');
        const check = idCardCheckChar(first17);
        expect(checkIdCard(first17 + check, '2026-11-23').valid).toBe(true);
        if (other !== check) expect(checkIdCard(first17 + other, '2026-11-23')).toEqual({ valid: false, reason: 'checksum' });
      }),
    );
  });
});

describe('licence plates', () => {
  it('standard, new-energy small (D first) and large (D/F last), trailer, with separators and lower case', () => {
    const found = extractPlates('湘A12345撞了湘A·D12345，旁边京AF0236和湘a 12345D，还有粤B1234挂');
    expect(found.map((p) => [p.value.plate, p.value.type])).toEqual([
      ['湘A12345', 'standard'],
      ['湘AD12345', 'newEnergy'],
      ['京AF0236', 'standard'],
      ['湘A12345D', 'newEnergy'],
      ['粤B1234挂', 'special'],
    ]);
  });

  it('rejects six-character serials that are not new-energy, letters I/O, and runs inside longer codes', () => {
    expect(extractPlates('湘A123456')).toEqual([]);
    expect(extractPlates('湘A1234')).toEqual([]);
    expect(extractPlates('粤B12345挂')).toEqual([]);
    expect(extractPlates('湘AI2345')).toEqual([]);
    expect(extractPlates('X湘A12345Y')).toEqual([]);
  });
});
