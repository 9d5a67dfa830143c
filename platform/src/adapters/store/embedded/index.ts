export { openEmbeddedStore, type EmbeddedStoreOptions } from './embedded-store.js';
