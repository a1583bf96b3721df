export * from './ids';
export * from './partner';
export * from './connection';
export * from './token';
export * from './outcome';
export * from './state';
export * from './audit';
export * from './errors';
