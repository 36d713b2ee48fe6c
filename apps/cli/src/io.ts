/**
 * Where the CLI reads and writes: the process's streams, replaceable in tests. Every printed line
 * goes through an {@link Io}; no other module writes to `process.stdout` or `process.stderr`.
 */

/** A writable text sink with the bit of TTY knowledge the CLI needs. */
export interface Sink {
  write(text: string): void;
  /** True when the sink is a terminal (progress bars, colours). */
  readonly isTTY: boolean;
  /** Terminal width in columns, when known. */
  readonly columns?: number | undefined;
  /** The underlying stream, for libraries that draw on it (cli-progress); absent in tests. */
  readonly stream?: NodeJS.WriteStream | undefined;
}

/** The streams and environment of one CLI run. */
export interface Io {
  /** Results: summaries, file lists, `--json` output. */
  stdout: Sink;
  /** Progress, warnings, errors. */
  stderr: Sink;
  /** True when stdin is a terminal (the interview needs one). */
  stdinIsTTY: boolean;
  /** Current directory, to print paths relative to it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * A sink on a process stream. A reader that goes away (a pipe into `head`, a closed terminal)
 * makes the stream fail with `EPIPE`: from then on the sink drops what is written, and the work
 * goes on to its real end and exit code; the output is only a report of it.
 */
function sinkOf(stream: NodeJS.WriteStream): Sink {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw error;
  });
  return {
    write: (text) => {
      if (!closed) stream.write(text);
    },
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns;
    },
    stream,
  };
}

/** The real process's streams. */
export function processIo(): Io {
  return {
    stdout: sinkOf(process.stdout),
    stderr: sinkOf(process.stderr),
    stdinIsTTY: process.stdin.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Writes `text` followed by a new line. */
export function println(sink: Sink, text = ''): void {
  sink.write(`${text}\n`);
}

/** The message when the interview is started without a terminal on stdin (exit 2). */
export const NOT_A_TERMINAL = '标准输入不是终端：请用 qingdan generate --answers <文件> 生成';
