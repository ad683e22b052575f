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
  awarenessStateBytes: 2 * 1024,
  requestBodyBytes: 100 * 1024,
  socketMessageBytes: 32 * 1024,
  broadcastChars: 500,
} as const;
