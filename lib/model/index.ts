export * from './category';
export * from './diagnosis';
export * from './finding';
export * from './image-ref';
export * from './incident';
export * from './pull-failure';
export * from './workload';
export * from './change';
