"""README.md as a test: every runnable block runs as written on the shipped files.

The expectation is README.md itself; this file holds no expected output. Each fenced block
is one test, named by its language and README line (``console-line97``):

``console`` — a terminal session.
    A block is a sequence of ``$ command`` lines, each followed by the output shown for it
    (the lines up to the next ``$ `` line or the end of the block); a block must start with
    a ``$`` line. The commands of one block run in order in one ``bash`` process (so ``cd``,
    variables and ``$?`` carry over: ``$ echo $?`` shows the previous command's exit
    status), attached to a pseudo-terminal, so stdout and stderr interleave exactly as a
    user sees them. The working directory is a fresh temporary folder holding a symlink to
    every top-level entry of the repository but ``build/`` (so ``tests/data/…``,
    ``examples/…`` and ``policies/…`` resolve as in a checkout, and files a block writes —
    ``record.json``, ``build/demo`` — land in the temporary folder). ``ecredit`` is the
    program installed next to the Python running the tests (its ``bin/`` comes first on
    PATH). Output matches the lines shown when, after removing trailing whitespace from
    every line and trailing blank lines from the whole, the lines are equal except:
    a line that is just ``…`` matches any number of lines (none included), and ``…``
    inside a line matches any run of characters on that line (none included, a literal
    ``…`` included). A mismatch prints a unified diff with README line numbers and the
    whole session as it ran, ready to paste over the block.

``python`` — a snippet as a user pastes it.
    Each block runs on its own, top to bottom, in a fresh interpreter (``sys.executable``)
    in such a temporary folder, and must not raise. A top-level expression statement
    whose result is shown in a comment has that result checked. The comment is the first
    result among: the comment ending the statement's last line (``x   # 'a'``), the
    comment-only line right below that line. A comment is a result when, with ``…`` read
    as ``...``, it parses as a Python expression built only of literals, tuples, lists,
    sets, dicts, unary signs and calls of dotted names (reprs such as
    ``datetime.date(1949, 12, 31)``); then ``repr()`` of the value must equal the comment,
    ``…`` matching any run of characters. Any other comment is prose and is not checked.

``sh`` — build and installation commands (``scripts/run-demo.sh``, ``cmake --install …``).
    CI runs them in its own stages (scripts/test.sh, .ci/run); here they are only checked
    to name things that exist: every relative path outside comments whose first part is
    a top-level entry of the repository (``scripts/…``, ``tests/…``) exists, ``build/…``
    (build outputs) and absolute paths excepted; a command that is such a path is
    executable; every ``--preset NAME`` is a preset of CMakePresets.json.

``c`` / ``cpp`` — fragments of example programs.
    The first line of the block is a comment naming a file of ``examples/``
    (``// from examples/cpp/quickstart.cpp``). That file must be built and run by
    examples/CMakeLists.txt (named in an ``add_executable`` whose target an ``add_test``
    runs), and every other non-blank line of the fragment, with surrounding whitespace
    removed, must appear in that order among the file's lines (likewise stripped).

Blocks in other languages (or none) are not runnable and are not tested.
"""

from __future__ import annotations

import ast
import difflib
import errno
import io
import json
import os
import pathlib
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tokenize
from dataclasses import dataclass, field

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
ELLIPSIS = "\u2026"  # …
TIMEOUT = 600  # seconds per block


@dataclass
class Block:
    lang: str
    line: int  # README line of the block's first content line
    lines: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.lang}-line{self.line}"


def readme_blocks() -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for n, text in enumerate(README.read_text(encoding="utf-8").split("\n"), start=1):
        fence = re.match(r"^\s*```\s*([\w+-]*)", text)
        if current is None:
            if fence:
                current = Block(fence.group(1).lower(), n + 1)
        elif fence and not fence.group(1):
            blocks.append(current)
            current = None
        else:
            current.lines.append(text)
    assert current is None, f"README.md:{current.line - 1}: a code fence is never closed"
    return blocks


BLOCKS = readme_blocks()


def blocks_of(*langs: str) -> list:
    return [pytest.param(b, id=b.id) for b in BLOCKS if b.lang in langs]


# ---------------------------------------------------------------------------- matching


def _line_pattern(expected: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in expected.split(ELLIPSIS)), re.DOTALL)


def lines_match(expected: list[str], actual: list[str]) -> bool:
    """The README rule: a line that is just … matches any lines, … in a line any characters."""
    memo: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:
        if (i, j) in memo:
            return memo[i, j]
        if i == len(expected):
            ok = j == len(actual)
        elif expected[i].strip() == ELLIPSIS:
            ok = match(i + 1, j) or (j < len(actual) and match(i, j + 1))
        else:
            ok = j < len(actual) and bool(_line_pattern(expected[i]).fullmatch(actual[j])) and match(i + 1, j + 1)
        memo[i, j] = ok
        return ok

    return match(0, 0)


def shown_as_expected(expected: list[str], actual: list[str]) -> list[str]:
    """actual, with the lines a wildcard covers written as README shows them, so that a diff
    against `expected` shows only what differs: a line matching an expected line (in order)
    becomes that line, and a run of other lines where the expectation has a `…` line
    becomes `…` (but for as many lines on each side of it as the expectation has there)."""
    matched: list[int | None] = []
    k = 0
    for line in actual:
        candidates = (i for i in range(k, len(expected)) if expected[i].strip() != ELLIPSIS)
        m = next((i for i in candidates if _line_pattern(expected[i]).fullmatch(line)), None)
        matched.append(m)
        if m is not None:
            k = m + 1
    out: list[str] = []
    j = 0
    while j < len(actual):
        if matched[j] is not None:
            out.append(expected[matched[j]])
            j += 1
            continue
        end = j
        while end < len(actual) and matched[end] is None:
            end += 1
        before = max((m for m in matched[:j] if m is not None), default=-1)
        after = next((m for m in matched[end:] if m is not None), len(expected))
        gap = list(range(before + 1, after))  # expected lines no actual line matched
        stars = [i for i in gap if expected[i].strip() == ELLIPSIS]
        if stars:  # keep as many lines on each side as the gap expects there
            head = min(sum(1 for i in gap if i < stars[0]), end - j)
            tail = min(sum(1 for i in gap if i > stars[-1]), end - j - head)
            out.extend(actual[j : j + head])
            out.append(ELLIPSIS)
            out.extend(actual[end - tail : end])
        else:
            out.extend(actual[j:end])
        j = end
    return out


def normalise(lines: list[str]) -> list[str]:
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


# ---------------------------------------------------------------------------- environment


@pytest.fixture
def workdir():
    """A temporary folder with the repository's top-level entries (but build/) linked in."""
    with tempfile.TemporaryDirectory(prefix="ecredit-readme-") as tmp:
        path = pathlib.Path(tmp)
        for entry in ROOT.iterdir():
            if entry.name not in ("build", ".git"):
                (path / entry.name).symlink_to(entry)
        yield path


def program_env() -> dict[str, str]:
    env = dict(os.environ)
    bindir = pathlib.Path(sys.executable).parent
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONPATH", None)
    return env


def run_in_pty(argv: list[str], cwd: pathlib.Path, env: dict[str, str]) -> str:
    """Runs argv with stdout and stderr on one pseudo-terminal; returns what it printed."""
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    finally:
        os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                proc.kill()
                proc.wait()
                pytest.fail(f"timed out after {TIMEOUT} s; output so far:\n{b''.join(chunks).decode(errors='replace')}")
            ready, _, _ = select.select([master], [], [], min(left, 1.0))
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError as e:  # EIO: every writer has closed the terminal
                if e.errno != errno.EIO:
                    raise
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        proc.wait()
    return b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")


# ---------------------------------------------------------------------------- console


@dataclass
class Command:
    line: int  # README line of the `$ ` line
    cmd: str
    expected: list[str]


def parse_session(block: Block) -> list[Command]:
    commands: list[Command] = []
    for offset, text in enumerate(block.lines):
        if text.startswith("$ "):
            commands.append(Command(block.line + offset, text[2:], []))
        elif not commands:
            pytest.fail(
                f"README.md:{block.line + offset}: a console block starts with a `$ command` line "
                f"(got {text!r}); show a program's output after the command that prints it"
            )
        else:
            commands[-1].expected.append(text)
    return commands


MARK = "@@ecredit-readme-doctest@@"


def run_session(commands: list[Command], cwd: pathlib.Path) -> list[list[str]]:
    script = []
    for c in commands:
        script.append(c.cmd)
        # the marker keeps $? for the next command: `$ echo $?` is run as written
        script.append(f"__rc=$?; printf '\\n{MARK}\\n'; (exit $__rc)")
    out = run_in_pty(["bash", "-c", "\n".join(script)], cwd, program_env())
    parts = out.split(f"\n{MARK}\n")
    assert len(parts) == len(commands) + 1, f"the session stopped early; it printed:\n{out}"
    return [p.split("\n") if p else [] for p in parts[:-1]]


@pytest.mark.parametrize("block", blocks_of("console"))
def test_console_block(block: Block, workdir: pathlib.Path) -> None:
    commands = parse_session(block)
    outputs = run_session(commands, workdir)
    failures = []
    for c, actual in zip(commands, outputs):
        expected, got = normalise(c.expected), normalise(actual)
        if not lines_match(expected, got):
            shown = shown_as_expected(expected, got)
            if shown == expected:  # the wildcards hide the difference: show it all
                shown = got
            diff = difflib.unified_diff(
                expected,
                shown,
                f"README.md:{c.line + 1} (shown)",
                f"actual ($ {c.cmd})",
                lineterm="",
            )
            failures.append(f"README.md:{c.line}: $ {c.cmd}\n" + "\n".join(diff))
    if failures:
        session = []
        for c, actual in zip(commands, outputs):
            session.append(f"$ {c.cmd}")
            session.extend(normalise(actual))
        pytest.fail(
            "\n\n".join(failures)
            + f"\n\nThe whole session of the block at README.md:{block.line} as it ran"
            + f" (ecredit = {shutil.which('ecredit', path=program_env()['PATH'])}):\n"
            + "```console\n"
            + "\n".join(session)
            + "\n```",
            pytrace=False,
        )


def test_session_matching_rule() -> None:
    """The wildcard rule itself, on made-up lines (README blocks are tested above)."""
    assert lines_match(["a", "…", "z"], ["a", "z"])
    assert lines_match(["a", "…", "z"], ["a", "b", "c", "z"])
    assert not lines_match(["a", "…", "z"], ["a", "b"])
    assert lines_match(["x … y"], ["x 12 s y"])
    assert lines_match(["step …"], ["step … 0.4 s"])
    assert not lines_match(["x … y"], ["x 12 s z"])
    assert not lines_match(["exit 1"], ["exit 10"])
    assert lines_match([], [])
    assert not lines_match([], ["unexpected"])
    # a failure's diff shows only what differs
    assert shown_as_expected(["a …", "…", "z"], ["a 1", "b", "c", "y"]) == ["a …", "…", "y"]
    assert shown_as_expected(["a", "b"], ["a", "c"]) == ["a", "c"]


# ---------------------------------------------------------------------------- python

_CALLABLE = (ast.Name, ast.Attribute)


def _is_result_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_is_result_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_result_literal(k) for k in node.keys) and all(
            _is_result_literal(v) for v in node.values
        )
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, ast.Call) and isinstance(node.func, _CALLABLE):
        f = node.func
        while isinstance(f, ast.Attribute):
            f = f.value
        return (
            isinstance(f, ast.Name)
            and all(_is_result_literal(a) for a in node.args)
            and all(_is_result_literal(k.value) for k in node.keywords)
        )
    return False


def result_comment(text: str) -> str | None:
    """The comment's text when it shows a result (the rule in the module docstring), else None."""
    body = text.lstrip("#").strip()
    try:
        tree = ast.parse(body.replace(ELLIPSIS, "..."), mode="eval")
    except SyntaxError:
        return None
    return body if _is_result_literal(tree.body) else None


def checked_results(source: str) -> dict[int, str]:
    """Statement index → the result its comment shows, for the block's top-level expressions."""
    tree = ast.parse(source)
    comments: dict[int, tuple[str, bool]] = {}  # line → (comment, the line holds only the comment)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            alone = not tok.line[: tok.start[1]].strip()
            comments[tok.start[0]] = (tok.string, alone)
    checks = {}
    for i, stmt in enumerate(tree.body):
        if not isinstance(stmt, ast.Expr):
            continue
        end = stmt.end_lineno
        candidates = []
        if end in comments and not comments[end][1]:
            candidates.append(comments[end][0])
        if end + 1 in comments and comments[end + 1][1]:
            candidates.append(comments[end + 1][0])
        for comment in candidates:
            if (shown := result_comment(comment)) is not None:
                checks[i] = shown
                break
    return checks


RUNNER = r"""
import ast, json, sys
source, first_line, checks, out = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
tree = ast.parse(source, "README.md")
ast.increment_lineno(tree, first_line - 1)
ns = {"__name__": "__main__"}
got = {}
for i, stmt in enumerate(tree.body):
    if str(i) in checks:
        got[i] = repr(eval(compile(ast.Expression(stmt.value), "README.md", "eval"), ns))
    else:
        exec(compile(ast.Module([stmt], []), "README.md", "exec"), ns)
with open(out, "w", encoding="utf-8") as f:
    json.dump(got, f)
"""


@pytest.mark.parametrize("block", blocks_of("python", "py"))
def test_python_block(block: Block, workdir: pathlib.Path) -> None:
    source = "\n".join(block.lines) + "\n"
    checks = checked_results(source)
    out = workdir / "doctest-results.json"
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, source, str(block.line), json.dumps(checks), str(out)],
        cwd=workdir,
        env=program_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if proc.returncode != 0:
        pytest.fail(
            f"the Python block at README.md:{block.line} fails as written "
            f"(line numbers below are README's):\n{proc.stdout}{proc.stderr}",
            pytrace=False,
        )
    got = json.loads(out.read_text(encoding="utf-8"))
    tree = ast.parse(source)
    failures = []
    for i, shown in checks.items():
        actual = got[str(i)]
        if not _line_pattern(shown).fullmatch(actual):
            stmt = tree.body[i]
            code = ast.get_source_segment(source, stmt)
            failures.append(
                f"README.md:{block.line + stmt.end_lineno - 1}: {code}\n  shown:  # {shown}\n  actual: # {actual}"
            )
    if failures:
        pytest.fail("results shown in comments differ:\n" + "\n".join(failures), pytrace=False)


def test_result_comment_rule() -> None:
    """Which comments are results (README blocks are tested above)."""
    assert result_comment("# ('valid', '', '91440101MA59U8YB6Y')") is not None
    assert result_comment("# datetime.date(1949, 12, 31)") is not None
    assert result_comment("# {'all': 0.8, …}") is None  # not a Python expression: prose
    assert result_comment("# [0.5, …]") is not None
    assert result_comment("# full-width input is normalised") is None
    assert result_comment("# 执行反馈") is None  # a bare name is prose
    assert result_comment("# DataFrame: uscc, grade") is None
    assert checked_results("x = 1\nx   # 1\nx\n# 1\nx  # prose\n# 2\nx  # prose\n") == {1: "1", 2: "1", 3: "2"}


# ---------------------------------------------------------------------------- sh


def _presets() -> set[str]:
    data = json.loads((ROOT / "CMakePresets.json").read_text(encoding="utf-8"))
    return {p["name"] for key, presets in data.items() if key.endswith("Presets") for p in presets}


@pytest.mark.parametrize("block", blocks_of("sh", "bash", "shell"))
def test_sh_block_names_what_exists(block: Block) -> None:
    top = {p.name for p in ROOT.iterdir()} - {"build"}
    presets = _presets()
    problems = []
    for offset, text in enumerate(block.lines):
        where = f"README.md:{block.line + offset}"
        try:  # the whole line, so that a comment is one even when it holds `;` or `'`
            lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            tokens = list(lexer)
        except ValueError as e:
            problems.append(f"{where}: {e}: {text}")
            continue
        commands: list[list[str]] = [[]]
        for token in tokens:
            if token in ("&&", "||", ";", "|", "&"):
                commands.append([])
            else:
                commands[-1].append(token)
        for words in commands:
            for k, word in enumerate(words):
                if k > 0 and words[k - 1] == "--preset" and word not in presets:
                    problems.append(f"{where}: no preset {word!r} in CMakePresets.json")
                if word.startswith("/") or "/" not in word or word.split("/")[0] not in top:
                    continue
                path = ROOT / word
                if not path.exists():
                    problems.append(f"{where}: {word} does not exist")
                elif k == 0 and not os.access(path, os.X_OK):
                    problems.append(f"{where}: {word} is run as a command but is not executable")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- c / cpp


def _tested_examples() -> set[str]:
    """Files of examples/ that examples/CMakeLists.txt builds into a target an add_test runs."""
    text = (ROOT / "examples" / "CMakeLists.txt").read_text(encoding="utf-8")
    targets = dict(re.findall(r"add_executable\(\s*(\S+)\s+(\S+)\s*\)", text))
    tested = re.findall(r"add_test\([^)]*?COMMAND\s+([\w.-]+)", text)
    tested += re.findall(r"TARGET_FILE:([\w-]+)>", text)
    return {f"examples/{src}" for target, src in targets.items() if target in tested}


@pytest.mark.parametrize("block", blocks_of("c", "cpp", "c++"))
def test_fragment_is_excerpt_of_example(block: Block) -> None:
    head = block.lines[0].strip() if block.lines else ""
    named = re.search(r"(examples/[\w./-]+\.(?:c|cpp))\b", head)
    assert named and head.startswith(("//", "/*")), (
        f"README.md:{block.line}: a {block.lang} fragment starts with a comment naming the example "
        f"file it is taken from (e.g. `// from examples/cpp/quickstart.cpp`), got {head!r}"
    )
    name = named.group(1)
    path = ROOT / name
    assert path.is_file(), f"README.md:{block.line}: {name} does not exist"
    assert name in _tested_examples(), (
        f"README.md:{block.line}: {name} is not built and run by examples/CMakeLists.txt "
        f"(add_executable + add_test)"
    )
    file_lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]
    pos = 0
    for offset, text in enumerate(block.lines[1:], start=1):
        want = text.strip()
        if not want:
            continue
        found = next((i for i in range(pos, len(file_lines)) if file_lines[i] == want), None)
        if found is None:
            where = ""
            if want in file_lines:
                where = f" (it is there, at line {file_lines.index(want) + 1}, out of order)"
            pytest.fail(
                f"README.md:{block.line + offset}: `{want}` is not in {name} after line {pos}{where}; "
                f"the README fragment must be an excerpt of the example, in order",
                pytrace=False,
            )
        pos = found + 1
