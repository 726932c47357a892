export * from './category';
export * from './diagnosis';
export * from './finding';
export * from './image-ref';
export * from './pull-failure';
