# clitest.py: shared helpers for the byline-post tests (test-cli*.py).
#
# Each test script is run by meson as
#   /usr/bin/python3 tests/core/test-cli-NAME.py PATH/TO/byline-post
# and prints TAP. A test is a function registered with @tests.add; it fails by
# raising (assert), skips by raising Skip("why").
#
# SPDX-License-Identifier: GPL-3.0-or-later
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data', 'cli')


class Skip(Exception):
    pass


class Tests:
    def __init__(self):
        self.funcs = []

    def add(self, func):
        self.funcs.append(func)
        return func

    def main(self):
        if len(sys.argv) < 2:
            print('usage: %s PATH/TO/byline-post [TEST…]' % sys.argv[0], file=sys.stderr)
            sys.exit(2)
        only = set(sys.argv[2:])
        funcs = [f for f in self.funcs if not only or f.__name__ in only]
        print('1..%d' % len(funcs), flush=True)
        failed = 0
        for number, func in enumerate(funcs, 1):
            name = func.__name__
            try:
                func()
            except Skip as e:
                print('ok %d - %s # SKIP %s' % (number, name, e))
            except Exception:
                failed += 1
                print('not ok %d - %s' % (number, name))
                for line in traceback.format_exc().splitlines():
                    print('# ' + line)
            else:
                print('ok %d - %s' % (number, name))
            sys.stdout.flush()
        sys.exit(1 if failed else 0)


def program():
    return os.path.abspath(sys.argv[1])


class Result:
    def __init__(self, args, proc):
        self.args = args
        self.status = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr.decode('utf-8', 'replace')

    @property
    def text(self):
        return self.stdout.decode('utf-8')

    def __repr__(self):
        return ('byline-post %r\n  exit %d\n  stdout %r\n  stderr %r'
                % (self.args, self.status, self.stdout[:2000], self.stderr[:2000]))


def run(*args, status=None, cwd=None, wrap=None):
    """Runs byline-post with @args; asserts the exit status when given.
    @wrap: a command prefix (e.g. setpriv …) to run it under."""
    cmd = list(wrap or []) + [program()] + [str(a) for a in args]
    proc = subprocess.run(cmd, capture_output=True, cwd=cwd, timeout=120)
    result = Result(list(args), proc)
    if status is not None:
        assert result.status == status, 'expected exit %d: %r' % (status, result)
    # Whatever the outcome, never a crash (a signal, or ASan's abort).
    assert result.status >= 0 and result.status not in (134, 139), 'crashed: %r' % result
    assert 'AddressSanitizer' not in result.stderr and 'runtime error' not in result.stderr, \
        'sanitizer report: %r' % result
    assert 'CRITICAL' not in result.stderr and 'WARNING' not in result.stderr, \
        'GLib warning: %r' % result
    return result


class TempDir:
    """A temporary folder, removed on exit (its permissions restored first)."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix='byline-cli-')
        return self

    def __exit__(self, *exc):
        for root, dirs, files in os.walk(self.path):
            for d in dirs:
                try:
                    os.chmod(os.path.join(root, d), 0o755)
                except OSError:
                    pass
        os.chmod(self.path, 0o755)
        shutil.rmtree(self.path, ignore_errors=True)

    def join(self, *parts):
        return os.path.join(self.path, *parts)

    def write(self, name, data):
        path = self.join(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data.encode('utf-8') if isinstance(data, str) else data)
        return path

    def copy(self, source, name=None):
        return self.write(name or os.path.basename(source), read(source))


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def fixture(name):
    return os.path.join(DATA, name)


def shared_dir():
    """$BYLINE_SHARED_DIR, or Skip when it is not there."""
    path = os.environ.get('BYLINE_SHARED_DIR')
    if not path or not os.path.isdir(path):
        raise Skip('BYLINE_SHARED_DIR (%s) is not a folder: the shared corpus and samples '
                   'are not available' % (path or 'unset'))
    return path


# --- Splitting a post, independently of the engine --------------------------

def split(data):
    """(prefix, front, suffix) bytes of a YAML post: prefix is the BOM and the
    opening line, suffix the closing line and the body. None when the post
    does not start with a closed YAML block. A column-0 '---' or '...' line
    inside valid YAML front matter can only be a document marker, so the
    first one closes the block."""
    bom = b'\xef\xbb\xbf' if data.startswith(b'\xef\xbb\xbf') else b''
    lines = data[len(bom):].splitlines(keepends=True)
    if not lines or lines[0].rstrip(b' \t\r\n') != b'---':
        return None
    offset = len(bom) + len(lines[0])
    for line in lines[1:]:
        if line.rstrip(b' \t\r\n') in (b'---', b'...'):
            return data[:len(bom) + len(lines[0])], data[len(bom) + len(lines[0]):offset], data[offset:]
        offset += len(line)
    return None


def load_yaml(front):
    """PyYAML's reading (libyaml through CSafeLoader) of front matter bytes."""
    value = yaml.load(front.decode('utf-8'), Loader=yaml.CSafeLoader)
    return {} if value is None else value


def lines_of(data):
    """Lines split after each LF only, ends kept (CRLF stays with its line;
    a lone CR, NEL or U+2028 does not end a line here)."""
    return re.findall(rb'[^\n]*\n|[^\n]+$', data)


def changed_lines(old, new):
    """(first, old_end, new_end): lines [first, old_end) of @old became
    [first, new_end) of @new; everything before and after is identical."""
    a = lines_of(old)
    b = lines_of(new)
    first = 0
    while first < len(a) and first < len(b) and a[first] == b[first]:
        first += 1
    tail = 0
    while tail < len(a) - first and tail < len(b) - first and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return first, len(a) - tail, len(b) - tail


def entry_line_ranges(front):
    """{key: (first, end)}: the lines [first, end) of each top-level entry of
    YAML front matter bytes, from PyYAML's marks (character indexes, which
    libyaml counts as Python does). The entry runs from its key to the end
    of its value, the rest of that line included. Keys that are not plain
    strings, or that appear twice, are left out."""
    text = front.decode('utf-8')
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    ranges = {}
    seen = set()
    if not isinstance(node, yaml.MappingNode):
        return ranges
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode) or k.tag != 'tag:yaml.org,2002:str':
            continue
        first = text.count('\n', 0, k.start_mark.index)
        end = text.count('\n', 0, v.end_mark.index)
        if v.end_mark.index > 0 and text[v.end_mark.index - 1] != '\n':
            end += 1
        if k.value in seen:
            ranges.pop(k.value, None)
        else:
            ranges[k.value] = (first, max(end, first + 1))
        seen.add(k.value)
    return ranges


def shift_date_text(text):
    """The same date or datetime text one day later, in the same format."""
    day = datetime.date.fromisoformat(text[:10]) + datetime.timedelta(days=1)
    return day.isoformat() + text[10:]
