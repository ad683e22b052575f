export { createLiveDocs, type LiveDocsOptions } from './live/liveDocs';
export type { DocPeer, DocState, LiveDoc, LiveDocs } from './live/types';
