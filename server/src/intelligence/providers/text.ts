// Text handed to or taken from an outside model: no control characters (a NUL breaks PostgreSQL
// and JSON consumers) and no lone surrogate halves (not valid Unicode, cannot be encoded).

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(s: string): string {
  return s.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}
