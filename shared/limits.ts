// Every size the server accepts is bounded here, so client and server agree on them.
export const limits = {
  titleChars: 200,
  shortTextChars: 200,
  longTextChars: 5000,
  listItems: 50,
  roomsPerEvent: 40,
  questionsPerTemplate: 8,
  displayNameChars: 60,
  cardChars: 1000,
  cardsPerBoard: 2000,
  /** Largest single WebSocket frame on the Yjs endpoint. */
  wsFrameBytes: 512 * 1024,
  /** Largest single Yjs update (a card of cardChars plus structure fits many times over). */
  yjsUpdateBytes: 256 * 1024,
  /**
   * Largest encoded state of one document. A full board is cardsPerBoard cards of cardChars characters:
   * at most 3 UTF-8 bytes per UTF-16 unit (emoji are 4 bytes for 2 units) plus ~250 bytes of fields per
   * card, 2,000 × 3,250 ≈ 6.2 MiB; 8 MiB leaves room for tombstones of edits and deleted cards. Every
   * joiner downloads the whole state, so this also bounds what one board can cost each person.
   */
  docBytes: 8 * 1024 * 1024,
  awarenessStateBytes: 2 * 1024,
  requestBodyBytes: 100 * 1024,
  socketMessageBytes: 32 * 1024,
  broadcastChars: 500,
} as const;
