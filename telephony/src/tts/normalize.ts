// Text clean-up before eSpeak NG reads Mandarin. eSpeak reads "12345" as a cardinal number
// (一万二千三百四十五), but on a hotline every digit string of three or more (the hotline number,
// a tracking number, a phone number) is read digit by digit, as people say it. Short numbers
// ("请按1", "3个工作日") keep their cardinal reading.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

export function normalizeMandarin(text: string): string {
  return text
    .replace(/[0-9]{3,}/g, (run) => [...run].map((d) => DIGITS[Number(d)] ?? d).join(''))
    .replace(/\*/g, '星号')
    .replace(/#/g, '井号')
    .replace(/\s+/g, ' ')
    .trim();
}
