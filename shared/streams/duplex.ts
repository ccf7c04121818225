// A two-way byte stream (a TCP connection, a tunnelled stream): what port-forward pipes between.
// Closing the writable half-closes (the peer reads EOF, and may still answer); aborting it or
// cancelling the readable drops the connection.

export interface Duplex {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
}
