export { openEmbeddedStore, type EmbeddedStoreOptions } from './embedded/index.js';
export { openMongoStore, type MongoStoreOptions } from './mongodb/index.js';
