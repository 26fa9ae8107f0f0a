"""Resource limits for reading reports: what a small hostile file must not make us do.

A report reader must end, quickly and in bounded memory, whatever the bytes are:

- `open_report(path, max_bytes)`: regular files only (no FIFO, device, directory; no
  symlink where the caller says so), the size taken from `fstat` of the opened file before a
  byte is read, and never more than `max_bytes + 1` bytes read.
- cheap checks on the bytes before a parser inflates them: a Word file's uncompressed
  size and compression ratio (`check_docx`), an HTML page's nesting depth and element count
  (`check_html`), a PDF's page count and decoded stream sizes (`check_pdf`);
- `run_bounded(fn, …)`: parsing of HTML, PDF and Word runs in a child process with a time
  budget and an address-space cap, so a parser that still goes superlinear ends in one line
  (and the dashboard's script thread only waits on a pipe, holding no lock of the server).

Every refusal is a `ReadError` with a one-line reason.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import re
import stat
import threading
import zipfile
import zlib

from etl.document import ReadError

# --------------------------------------------------------------------------- the limits

MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024   # all members of a .docx, inflated
MAX_DOCX_RATIO = 100                        # uncompressed / compressed, for members over 1 MB
MAX_HTML_DEPTH = 256                        # nested elements
MAX_HTML_ELEMENTS = 20_000                  # a long news page has a few thousand
MAX_PDF_PAGES = 2_000
MAX_PDF_STREAM = 64 * 1024 * 1024           # one decoded content stream
MAX_PDF_DECODED = 256 * 1024 * 1024         # all Flate streams of the file, decoded
# Seconds one document may take to parse (HTML, PDF, Word), and the child's address space.
READ_SECONDS = float(os.environ.get("ZX_READ_SECONDS", "8"))
READ_MEMORY_MB = int(os.environ.get("ZX_READ_MEMORY_MB", "1024"))


def _mb(n: float) -> str:
    return f"{n / 2**20:.1f}".removesuffix(".0")


# --------------------------------------------------------------------------- opening a file


def open_report(path: str, max_bytes: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file at `path`, checked before they are read.

    Opened non-blocking (a FIFO does not hang the open) and without following a final
    symlink when `follow_symlinks` is False; `fstat` of the open file decides, so the file
    checked is the file read. At most `max_bytes + 1` bytes are read: a file that grows
    while we read it is still refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                raise ReadError(path, "is a symbolic link; give the file itself")
        except FileNotFoundError:
            raise ReadError(path, "no such file") from None
        except OSError:
            pass  # open() below says what is wrong
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        if getattr(exc, "errno", None) == getattr(__import__("errno"), "ELOOP", -1):
            raise ReadError(path, "is a symbolic link; give the file itself") from None
        raise ReadError(path, " ".join(str(exc.strerror or exc).split())) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReadError(path, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(path, "not a regular file (a pipe, device or socket)")
        if st.st_size > max_bytes:
            raise ReadError(path, f"file too large ({_mb(st.st_size)} MB, limit {_mb(max_bytes)} MB)")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise ReadError(path, f"file too large (over {_mb(max_bytes)} MB)")
        return b"".join(chunks)
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        raise ReadError(path, " ".join(str(exc.strerror or exc).split())) from None
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- Word


def check_docx(data: bytes, path: str) -> None:
    """Refuse a .docx whose members would inflate beyond the limits (a zip bomb), judged
    from the central directory before anything is inflated. The sizes there cannot lie to
    us: zipfile stops reading a member at its stated size (and then fails its CRC)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ReadError(path, "corrupt Word document (unreadable ZIP archive)") from None
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_DOCX_UNCOMPRESSED:
            raise ReadError(path, f"Word document inflates to over {_mb(MAX_DOCX_UNCOMPRESSED)} MB "
                                  "(a ZIP bomb?)")
        if info.file_size > 2**20 and info.file_size > MAX_DOCX_RATIO * max(info.compress_size, 1):
            raise ReadError(path, f"Word document member {info.filename[:60]!r} is compressed "
                                  f"{info.file_size // max(info.compress_size, 1)}:1 (limit "
                                  f"{MAX_DOCX_RATIO}:1; a ZIP bomb?)")


# --------------------------------------------------------------------------- HTML

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
# Elements that never hold others, or whose end tag pages routinely leave out.
_NO_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li td th tr dt dd option thead tbody tfoot colgroup".split()
)


def check_html(markup: str, path: str) -> None:
    """Refuse markup nested deeper than MAX_HTML_DEPTH or with more than MAX_HTML_ELEMENTS
    elements, counted in one linear scan of the tags (the tree builder is superlinear in
    depth). Tags whose end pages leave out do not count towards depth."""
    depth = deepest = elements = 0
    for m in _TAG.finditer(markup):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            if name not in _NO_NESTING and depth:
                depth -= 1
            continue
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise ReadError(path, f"HTML page has over {MAX_HTML_ELEMENTS:,} elements")
        if name not in _NO_NESTING and not self_closing:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_HTML_DEPTH:
                    raise ReadError(path, f"HTML page is nested over {MAX_HTML_DEPTH} levels deep")


# --------------------------------------------------------------------------- PDF

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]{0,200}?/Count\s+(\d{1,12})|/Count\s+(\d{1,12})[^>]{0,200}?/Type\s*/Pages\b")
_STREAM = re.compile(rb"stream\r?\n")


def check_pdf(data: bytes, path: str) -> None:
    """Refuse a PDF with more than MAX_PDF_PAGES pages, or whose Flate streams decode to more
    than MAX_PDF_STREAM each or MAX_PDF_DECODED together. Each stream is inflated in chunks
    and thrown away, so the check itself needs little memory."""
    pages = len(_PAGE.findall(data))
    counts = [int(a or b) for a, b in _PAGE_COUNT.findall(data)]
    pages = max([pages, *counts])
    if pages > MAX_PDF_PAGES:
        raise ReadError(path, f"PDF has {pages:,} pages (limit {MAX_PDF_PAGES:,})")
    total = 0
    for m in _STREAM.finditer(data):
        size = _inflated_size(data, m.end(), MAX_PDF_STREAM + 1)
        if size > MAX_PDF_STREAM:
            raise ReadError(path, f"PDF stream decodes to over {_mb(MAX_PDF_STREAM)} MB (a compression bomb?)")
        total += size
        if total > MAX_PDF_DECODED:
            raise ReadError(path, f"PDF streams decode to over {_mb(MAX_PDF_DECODED)} MB")


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """How many bytes the zlib stream at `start` inflates to (0 if it is not zlib), up to `limit`."""
    if data[start:start + 1] not in (b"\x78", b"\x08", b"\x18", b"\x28", b"\x38", b"\x48", b"\x58", b"\x68"):
        return 0
    d = zlib.decompressobj()
    size, pos, step = 0, start, 1 << 16
    try:
        while size <= limit and pos < len(data):
            out = d.decompress(data[pos:pos + step], 1 << 20)
            size += len(out)
            pos += step
            while d.unconsumed_tail and size <= limit:
                out = d.decompress(d.unconsumed_tail, 1 << 20)
                size += len(out)
            if d.eof:
                break
    except zlib.error:
        pass
    return size


# --------------------------------------------------------------------------- bounded parsing


def _child(conn, fn, args, memory_mb: int) -> None:
    try:
        import resource

        # On top of what the reader has loaded already (its address space, not its RSS).
        soft = _address_space() + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
    except (ImportError, ValueError, OSError):
        pass
    try:
        result = ("ok", fn(*args))
    except ReadError as err:
        result = ("read_error", (err.path, err.reason))
    except MemoryError:
        result = ("read_error", (args[1] if len(args) > 1 else "<bytes>", "needs too much memory to read"))
    except BaseException as err:  # noqa: BLE001 - the parent turns it into one line
        result = ("error", f"{type(err).__name__}: {' '.join(str(err).split())[:200]}")
    try:
        conn.send(result)
    except Exception as err:  # noqa: BLE001 - e.g. a result too large to pickle in the memory left
        conn.send(("error", f"{type(err).__name__}"))
    finally:
        conn.close()


def _address_space() -> int:
    """This process's virtual size in bytes (0 when /proc cannot tell)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


_context = None
_launching = threading.local()


def _mp_context():
    """forkserver: a clean server process forks each reader, so it is safe to use from the
    dashboard's threads, and the imports of etl.read are paid once."""
    global _context
    if _context is None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(["etl.read"])
        else:
            _context = multiprocessing.get_context("spawn")
        _skip_main_in_readers()
    return _context


def _skip_main_in_readers() -> None:
    """A reader child must not import the parent's `__main__`: multiprocessing would run the
    dashboard's script (Streamlit and its test harness put the page there) or import the
    `streamlit` command in every child. The readers need only etl.read, so for the processes
    started here (a thread-local flag) the preparation data leaves the main module out."""
    from multiprocessing import spawn

    original = spawn.get_preparation_data
    if getattr(original, "_zx_wrapped", False):
        return

    def preparation_data(name):
        data = original(name)
        if getattr(_launching, "reader", False):
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
        return data

    preparation_data._zx_wrapped = True
    spawn.get_preparation_data = preparation_data


IN_CHILD_ENV = "ZX_READ_IN_PROCESS"


def run_bounded(fn, data: bytes, path: str, *, seconds: float | None = None, memory_mb: int | None = None):
    """`fn(data, path)` in a child process: at most `seconds` of time and `memory_mb` of
    address space. ReadError when it takes longer, runs out of memory or fails.

    With ZX_READ_IN_PROCESS=1 (or inside a daemon process, which may not have children)
    `fn` runs here, unbounded: for profiling and debugging.
    """
    if os.environ.get(IN_CHILD_ENV) == "1" or multiprocessing.current_process().daemon:
        return fn(data, path)
    seconds = READ_SECONDS if seconds is None else seconds
    memory_mb = READ_MEMORY_MB if memory_mb is None else memory_mb
    ctx = _mp_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, (data, path), memory_mb), daemon=True)
    _launching.reader = True
    try:
        proc.start()
    finally:
        _launching.reader = False
    child.close()
    try:
        if not parent.poll(seconds):
            raise ReadError(path, f"took longer than {seconds:g} s to read (limit per document)")
        try:
            status, value = parent.recv()
        except (EOFError, OSError):
            raise ReadError(path, "the reader stopped without an answer (out of memory?)") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "ok":
        return value
    if status == "read_error":
        raise ReadError(path, value[1])
    raise ReadError(path, f"cannot read ({value})")
