// What extraction finds in an appeal's text: a span (UTF-16 offsets into the original text, end
// exclusive, so `text.slice(start, end)` is the match) and a normalised value per kind.

export interface Span {
  start: number;
  end: number;
  /** The matched text as written (masked for ID numbers). */
  text: string;
}

export interface PhoneEntity extends Span {
  kind: 'phone';
  value: { type: 'mobile' | 'landline' | 'service'; number: string; extension?: string; masked: string };
}

export interface IdCardEntity extends Span {
  kind: 'idCard';
  /** Only the masked number leaves the extractor; the clear number stays in the citizen's own text. */
  value: { valid: boolean; masked: string; reason?: 'checksum' | 'birthDate' | 'region'; birthDate?: string; gender?: 'male' | 'female' };
}

export interface PlateEntity extends Span {
  kind: 'plate';
  value: { plate: string; type: 'standard' | 'newEnergy' | 'special' };
}

export interface AddressEntity extends Span {
  kind: 'address';
  value: {
    districtId?: string;
    districtName?: string;
    streetId?: string;
    streetName?: string;
    communityId?: string;
    communityName?: string;
    /** Several gazetteer entries share the name and nothing in the text told them apart. */
    ambiguous?: boolean;
    /** Road, number, estate, building... after the gazetteer names. */
    detail?: string;
  };
}

export type DatePrecision = 'month' | 'day' | 'period' | 'hour' | 'minute';

export interface DateTimeEntity extends Span {
  kind: 'datetime';
  value: {
    /** Local date in Asia/Shanghai, YYYY-MM-DD (the first day for a month). */
    date: string;
    /** Local time HH:mm when a clock time was given. */
    time?: string;
    /** The interval the expression denotes, ISO 8601 with +08:00; end is exclusive. */
    start: string;
    end: string;
    precision: DatePrecision;
    /** Resolved against the reference time (今天, 上周五, 三天前...). */
    relative: boolean;
  };
}

export interface AmountEntity extends Span {
  kind: 'amount';
  value: { yuan: number; approximate: boolean };
}

export interface CompanyEntity extends Span {
  kind: 'company';
  value: { name: string; type: 'company' | 'shop' };
}

export type Entity = PhoneEntity | IdCardEntity | PlateEntity | AddressEntity | DateTimeEntity | AmountEntity | CompanyEntity;
export type EntityKind = Entity['kind'];
