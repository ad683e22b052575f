export { createLiveDocs, type LiveDocsOptions } from './live/liveDocs';
export type { AppliedFromPeer, DocPeer, DocState, LiveDoc, LiveDocs } from './live/types';
