/** @module CLI: the output port commands write to, so tests can capture it. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
  };
}
