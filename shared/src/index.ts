export * from './enums.ts';
export * from './errors.ts';
export * from './labels.ts';
export * from './schemas/workOrder.ts';
export * from './schemas/auth.ts';
export * from './schemas/directory.ts';
export * from './contactCenter.ts';
