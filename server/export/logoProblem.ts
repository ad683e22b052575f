/** A refused logo upload, with the sentence shown next to the file input. */
export class LogoProblem extends Error {}
