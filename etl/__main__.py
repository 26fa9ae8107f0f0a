"""`python -m etl`: no traceback reaches a user; ZX_DEBUG=1 shows one for a developer."""
import os
import sys

from etl.cli import main


def run() -> int:
    try:
        return main()
    except BrokenPipeError:  # `… | head`: the reader has gone, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # a bug: one line, the details on request
        if os.environ.get("ZX_DEBUG"):
            raise
        print(f"error: internal error ({type(err).__name__}: {err}); run with ZX_DEBUG=1 for details",
              file=sys.stderr)
        return 2


if __name__ == "__main__":  # not when a build's worker process imports this module
    sys.exit(run())
