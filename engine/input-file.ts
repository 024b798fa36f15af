import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { DataFileError } from './errors.js';
import { formatBytes, LIMIT_ENV, limits } from './limits.js';

/**
 * Reading a file the user named, bounded and refusing what is not a regular file: a FIFO (would block
 * forever), /dev/zero or another device (would never end), a directory, a socket. The file is opened
 * non-blocking and checked with fstat before a single byte is read, so a FIFO never blocks. Sizes are
 * capped (limits.ts); text must be UTF-8 and an error names the encoding it found instead.
 * `-` reads standard input (same cap).
 */
export type InputKind = 'text' | 'road';

/**
 * Why opening or reading failed, in words: not found, symlink loop, permission, not a folder …
 * `what` names the file's role in "WHAT file not found" (default just "file not found").
 */
export function describeFsError(err: unknown, file: string, what = ''): string {
  const e = err as NodeJS.ErrnoException;
  const role = what ? `${what} file` : 'file';
  switch (e?.code) {
    case 'ENOENT': {
      let dangling = false;
      try {
        dangling = fs.lstatSync(file).isSymbolicLink();
      } catch {
        // The link itself is missing too: plain "not found".
      }
      return dangling ? `${role} not found (a symbolic link to a missing target)` : `${role} not found`;
    }
    case 'ELOOP':
      return 'symbolic link loop (ELOOP): the link points back to itself';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return `cannot be read (${e?.code ?? String(err)})`;
  }
}

function notRegular(st: fs.Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory, not a file';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file: reading it could block forever';
  if (st.isCharacterDevice()) return 'is a character device (like /dev/zero), not a regular file';
  if (st.isBlockDevice()) return 'is a block device, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

function tooBig(size: number, max: number, kind: InputKind, what: string): string {
  const env = kind === 'road' ? LIMIT_ENV.roadFileBytes : LIMIT_ENV.textFileBytes;
  return `${what} file is ${size > max ? formatBytes(size) : `more than ${formatBytes(max)}`}, over the limit of ${formatBytes(max)} (set ${env} to raise it)`;
}

/**
 * The bytes of a regular file (or of stdin for `-`), at most the limit for `kind`. `what` names the file's
 * role in messages; with `roleWhenMissing` also in "WHAT file not found".
 */
export function readInputBytes(file: string, what: string, kind: InputKind = 'text', roleWhenMissing = false): Buffer {
  const max = kind === 'road' ? limits().roadFileBytes : limits().textFileBytes;
  if (file === '-') return readStdin(max, what, kind);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw new DataFileError(file, describeFsError(err, file, roleWhenMissing ? what : ''), { cause: err });
  }
  try {
    const st = fs.fstatSync(fd);
    const wrong = notRegular(st);
    if (wrong) throw new DataFileError(file, wrong);
    if (st.size > max) throw new DataFileError(file, tooBig(st.size, max, kind, what));
    // Read to the end, not to st.size: a file growing while read is still bounded by `max`.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, max + 1 - total, 8 * 1024 * 1024));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw new DataFileError(file, tooBig(total, max, kind, what));
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    throw new DataFileError(file, describeFsError(err, file), { cause: err });
  } finally {
    fs.closeSync(fd);
  }
}

function readStdin(max: number, what: string, kind: InputKind): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5); // non-blocking stdin with no data yet: wait 5 ms, bounded by the writer
        continue;
      }
      if (code === 'EOF') break;
      throw new DataFileError('(stdin)', describeFsError(err, '-'), { cause: err });
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new DataFileError('(stdin)', tooBig(total, max, kind, what));
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

/**
 * Bytes as UTF-8 text (a UTF-8 byte-order mark is dropped). Anything else is refused with the encoding it
 * looks like: UTF-16 or UTF-32 (by byte-order mark, or NULs between ASCII), binary (NUL bytes), or bytes that
 * are not UTF-8 (Latin-1, Windows-1252 …), with the offset of the first bad byte.
 */
export function decodeUtf8(bytes: Uint8Array, file: string, what: string): string {
  const b = bytes;
  const saveAs = `save it as UTF-8`;
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) throw new DataFileError(file, `${what} file is UTF-32 LE text (byte-order mark FF FE 00 00), not UTF-8: ${saveAs}`);
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) throw new DataFileError(file, `${what} file is UTF-32 BE text (byte-order mark 00 00 FE FF), not UTF-8: ${saveAs}`);
  if (b[0] === 0xff && b[1] === 0xfe) throw new DataFileError(file, `${what} file is UTF-16 LE text (byte-order mark FF FE), not UTF-8: ${saveAs}`);
  if (b[0] === 0xfe && b[1] === 0xff) throw new DataFileError(file, `${what} file is UTF-16 BE text (byte-order mark FE FF), not UTF-8: ${saveAs}`);
  const head = b.subarray(0, 4096);
  const nul = head.indexOf(0);
  if (nul >= 0) {
    let zerosAtOdd = 0;
    let zerosAtEven = 0;
    for (let i = 0; i < head.length; i++) if (head[i] === 0) (i % 2 === 0 ? zerosAtEven++ : zerosAtOdd++);
    const half = head.length / 2;
    if (zerosAtOdd > 0.4 * half && zerosAtEven < 0.05 * half) throw new DataFileError(file, `${what} file looks like UTF-16 LE text without a byte-order mark, not UTF-8: ${saveAs}`);
    if (zerosAtEven > 0.4 * half && zerosAtOdd < 0.05 * half) throw new DataFileError(file, `${what} file looks like UTF-16 BE text without a byte-order mark, not UTF-8: ${saveAs}`);
    throw new DataFileError(file, `${what} file is binary (NUL byte at offset ${nul}), not UTF-8 text`);
  }
  if (b.indexOf(0) >= 0) throw new DataFileError(file, `${what} file holds a NUL byte at offset ${b.indexOf(0)}: binary, not UTF-8 text`);
  if (!isUtf8(b)) {
    const at = firstInvalidUtf8(b);
    throw new DataFileError(file, `${what} file is not UTF-8 (byte 0x${b[at]!.toString(16).padStart(2, '0')} at offset ${at} cannot start or continue a UTF-8 character; Latin-1 or Windows-1252?): ${saveAs}`);
  }
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offset of the first byte that breaks UTF-8 (lead byte, then its continuation bytes). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return 0; // overlong or surrogate forms: isUtf8 refused the whole, blame the start
}

/** A UTF-8 text file (or stdin for `-`), bounded and checked: readInputBytes + decodeUtf8. */
export function readInputText(file: string, what: string, kind: InputKind = 'text', roleWhenMissing = false): string {
  return decodeUtf8(readInputBytes(file, what, kind, roleWhenMissing), file === '-' ? '(stdin)' : file, what);
}

/**
 * Throws DataFileError unless `file` is a readable regular file (the checks of readInputBytes without
 * reading), and returns its first `headBytes` bytes: for choosing an importer by content.
 */
export function checkRegularFile(file: string, headBytes = 0): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw new DataFileError(file, describeFsError(err, file), { cause: err });
  }
  try {
    const wrong = notRegular(fs.fstatSync(fd));
    if (wrong) throw new DataFileError(file, wrong);
    const head = Buffer.alloc(headBytes);
    const n = headBytes > 0 ? fs.readSync(fd, head, 0, headBytes, 0) : 0;
    return head.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
