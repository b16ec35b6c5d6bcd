"""Child process of `graphviz_run`: DOT on stdin, the drawing on stdout, via pygraphviz's Graphviz.

    python -m visualize.pygraphviz_worker svg < pohon.dot > pohon.svg

A failure (pygraphviz missing, a system library missing, a layout error) is one line on stderr
and exit status 1, which the parent turns into a located message.
"""

import sys


def main() -> None:
    try:
        import pygraphviz  # here, so importing this module never needs it

        graph = pygraphviz.AGraph(string=sys.stdin.buffer.read().decode("utf-8"))
        sys.stdout.buffer.write(graph.draw(format=sys.argv[1], prog="dot"))
    except Exception as exc:  # noqa: BLE001 (every failure becomes one line for the parent)
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
