import { describe, expect, it } from 'vitest';
import { maskEmail, maskIdCard, maskName, maskPhone } from './masking.ts';

describe('masking of personal data', () => {
  it('masks mobile numbers to the first three and last four digits', () => expect(maskPhone('13812345678')).toBe('138****5678'));
  it('masks short numbers entirely or mostly', () => {
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('1234567')).toBe('1****67');
  });
  it('keeps only the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('')).toBe('');
  });
  it('masks ID cards and e-mail', () => {
    expect(maskIdCard('110101199003077777')).toBe('1101**********7777');
    expect(maskEmail('citizen@example.com')).toBe('c***@example.com');
  });
});
