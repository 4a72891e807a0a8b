export * from './names';
export * from './roles';
export * from './register';
export * from './keepers';
