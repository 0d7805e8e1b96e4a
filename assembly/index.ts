// Every export of the WebAssembly module: its whole surface is this file.
export { alloc, free } from "./memory";
