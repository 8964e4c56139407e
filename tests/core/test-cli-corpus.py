#!/usr/bin/python3
# test-cli-corpus.py: byline-post over every post of $BYLINE_SHARED_DIR/corpus.
#
# - `check` agrees with PyYAML (libyaml through CSafeLoader) on which YAML
#   front matter parses, and with Python's json on JSON front matter.
# - For every top-level scalar of every valid YAML post, `set` a new value
#   (no --type: the field keeps its type): only that entry's lines change,
#   everything outside the block keeps its bytes, and PyYAML reads the
#   original with only that entry changed.
# - The same for adding an entry and for removing each top-level entry.
# - --dry-run never writes.
# (The byte-identical round trip without edits is test-cli-roundtrip.c,
# which drives the same load, split, parse and save path in one process.)
#
#   /usr/bin/python3 tests/core/test-cli-corpus.py PATH/TO/byline-post [TEST…]
#
# SPDX-License-Identifier: GPL-3.0-or-later
import concurrent.futures
import datetime
import json
import os
import re
import time
import tomllib

import yaml

from clitest import (Skip, TempDir, Tests, changed_lines, entry_line_ranges, load_yaml, read, run,
                     shared_dir, shift_date_text, split)

tests = Tests()

SCALAR_TYPES = ('null', 'bool', 'int', 'float', 'date', 'datetime', 'string', 'text')
ADDED_KEY = 'byline_test_added'
ADDED_VALUE = 'Added by the byline-post test: "x" #1'
NEW_STRING = 'Byline edit: "quoted" #1 – ✓'
NEW_TEXT = 'First line\nsecond: line\n'
WORKERS = 2

_corpus = None


def corpus():
    """[(name, path, bytes)] of every post in the corpus, sorted."""
    global _corpus
    if _corpus is None:
        folder = os.path.join(shared_dir(), 'corpus')
        if not os.path.isdir(folder):
            raise Skip('%s is missing' % folder)
        names = sorted(n for n in os.listdir(folder)
                       if n != 'SOURCES.tsv' and os.path.isfile(os.path.join(folder, n)))
        _corpus = [(n, os.path.join(folder, n), read(os.path.join(folder, n))) for n in names]
    return _corpus


def expected_status(data):
    """What `check` should say, worked out without the engine:
    ('ok' | 'invalid', why)."""
    text = data[3:] if data.startswith(b'\xef\xbb\xbf') else data
    first = text.split(b'\n', 1)[0].rstrip(b' \t\r')
    if first == b'+++':
        # Python's tomllib as the outside reader of TOML
        lines = text.splitlines(keepends=True)
        for i, line in enumerate(lines[1:], 1):
            if line.rstrip(b' \t\r\n') == b'+++':
                try:
                    tomllib.loads(b''.join(lines[1:i]).decode('utf-8'))
                except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                    return 'invalid', str(e)
                return 'ok', ''
        return 'invalid', 'block never closed'
    if first == b'---':
        parts = split(data)
        if parts is None:
            return 'invalid', 'block never closed'
        try:
            # Parsing is what check checks; constructing Python values may
            # still fail (a mapping as a key, in template archetypes).
            yaml.compose(parts[1].decode('utf-8'), Loader=yaml.CSafeLoader)
        except yaml.YAMLError as e:
            return 'invalid', str(e).replace('\n', ' ')
        return 'ok', ''
    if text.startswith(b'{'):
        try:
            json.JSONDecoder().raw_decode(text.decode('utf-8'))
        except ValueError as e:
            return 'invalid', str(e)
        return 'ok', ''
    return 'ok', 'no front matter'


@tests.add
def check_agrees_with_pyyaml():
    posts = corpus()
    result = run('check', *[path for _, path, _ in posts])
    assert result.status in (0, 1, 3), result
    reported = {}
    for line in result.stderr.splitlines():
        for name, path, _ in posts:
            if line.startswith(path + ':'):
                reported[name] = 'invalid' if re.match(re.escape(path) + r':\d+:\d+: ', line) else 'other'
                break
            if line.startswith('byline-post: %s: ' % path):
                reported[name] = 'other'
                break
        else:
            raise AssertionError('unexpected line: %r' % line)

    problems = []
    counts = {}
    for name, path, data in posts:
        expected, why = expected_status(data)
        got = reported.get(name, 'ok')
        counts[expected] = counts.get(expected, 0) + 1
        if got != expected:
            problems.append('%s: check says %s, PyYAML/json say %s %s' % (name, got, expected, why))
    print('# %d posts: %s' % (len(posts), ', '.join('%d %s' % (n, k) for k, n in sorted(counts.items()))))
    assert not problems, '\n'.join(problems)


# --- Planning the edits --------------------------------------------------------------

class Job:
    def __init__(self, name, data, kind, key, value=None, expected=None):
        self.name, self.data, self.kind, self.key = name, data, kind, key
        self.value, self.expected = value, expected


def new_value(field, old):
    """(text to set, what PyYAML should read back) for a scalar field."""
    kind, value = field['type'], field['value']
    if kind in ('null', 'string'):
        return NEW_STRING, NEW_STRING
    if kind == 'text':
        return NEW_TEXT, NEW_TEXT
    if kind == 'bool':
        new = not (old if isinstance(old, bool) else value)
        return ('true' if new else 'false'), new
    if kind == 'int':
        new = value + 1 if isinstance(value, int) and not isinstance(value, bool) else 42
        return str(new), new
    if kind == 'float':
        new = 3.25 if old == 2.5 else 2.5
        return repr(new), new
    if kind in ('date', 'datetime'):
        text = shift_date_text(value)
        if isinstance(old, (datetime.date, datetime.datetime)):
            return text, old + datetime.timedelta(days=1)
        return text, text
    raise AssertionError(kind)


def has_read_only_constructs(front):
    """Anchors, aliases or tags: what the engine may refuse to edit."""
    return re.search(rb'(^|[\s\[{,:-])[&*!][^\s]', front, re.M) is not None


_plans = None


def plans():
    """{'set': [Job], 'add': [Job], 'unset': [Job]} over the valid YAML posts,
    and notes on what was left out and why."""
    global _plans
    if _plans is not None:
        return _plans
    jobs = {'set': [], 'add': [], 'unset': []}
    notes = []
    for name, path, data in corpus():
        if expected_status(data)[0] != 'ok' or split(data) is None:
            continue
        front = split(data)[1]
        try:
            old = load_yaml(front)
        except yaml.YAMLError as e:
            notes.append('%s: PyYAML parses it but builds no value: %s' % (name, str(e).split('\n')[0]))
            continue
        if not isinstance(old, dict):
            notes.append('%s: top level is not a mapping' % name)
            continue
        result = run('get', path)
        if result.status != 0:
            notes.append('%s: get exits %d: %s' % (name, result.status, result.stderr.strip()))
            if result.status != 3 or not has_read_only_constructs(front):
                jobs['set'].append(Job(name, data, 'get-failed', None, result.stderr))
            continue
        fields = json.loads(result.text)
        ranges = entry_line_ranges(front)
        for key in ranges:
            if key.startswith('.') or key.endswith('.') or '..' in key or not key:
                notes.append('%s: %r is not reachable by a dotted path' % (name, key))
                continue
            if key not in fields or key not in old:
                notes.append('%s: %r is missing from get or from PyYAML' % (name, key))
                continue
            field = fields[key]
            if field.get('read_only'):
                notes.append('%s: %r is read-only' % (name, key))
                continue
            if field['type'] in SCALAR_TYPES:
                text, expected = new_value(field, old[key])
                jobs['set'].append(Job(name, data, 'set', key, text, expected))
            jobs['unset'].append(Job(name, data, 'unset', key))
        jobs['add'].append(Job(name, data, 'add', ADDED_KEY, ADDED_VALUE, ADDED_VALUE))
    _plans = (jobs, notes)
    return _plans


def run_job(job):
    """None when the edit holds, else what went wrong."""
    if job.kind == 'get-failed':
        return 'get failed: %s' % job.value
    prefix, front, suffix = split(job.data)
    before = load_yaml(front)
    label = '%s: %s %s %r' % (job.name, job.kind, job.key, job.value)
    with TempDir() as tmp:
        path = tmp.write(job.name, job.data)
        if job.kind == 'unset':
            result = run('unset', path, job.key)
        else:
            result = run('set', path, job.key, '--', job.value)
        new = read(path)
    if result.status == 3 and has_read_only_constructs(front):
        return None if new == job.data else '%s: refused but changed the file' % label
    if result.status != 0:
        return '%s: exit %d: %s' % (label, result.status, result.stderr.strip())
    if not (new.startswith(prefix) and new.endswith(suffix) and len(new) >= len(prefix) + len(suffix)):
        return '%s: bytes outside the front matter block changed' % label
    new_front = new[len(prefix):len(new) - len(suffix)]
    try:
        after = load_yaml(new_front)
    except Exception as e:
        return '%s: PyYAML cannot read the result: %s\n%s' % (label, e, new_front.decode('utf-8', 'replace'))

    expected = dict(before)
    if job.kind == 'unset':
        del expected[job.key]
    else:
        expected[job.key] = job.expected
    if list(after) != list(expected) or after != expected:
        diffs = ['%r: %r -> %r' % (k, before.get(k), after.get(k))
                 for k in set(after) | set(before) if after.get(k) != expected.get(k)]
        return '%s: PyYAML reads something else: %s' % (label, '; '.join(diffs) or 'key order')
    if job.kind == 'set' and type(after[job.key]) is not type(job.expected):
        return '%s: PyYAML reads a %s: %r' % (label, type(after[job.key]).__name__, after[job.key])

    # New lines use the block's line ending.
    crlf, lf = front.count(b'\r\n'), front.count(b'\n')
    if crlf and crlf == lf and new_front.count(b'\r\n') != new_front.count(b'\n'):
        return '%s: a bare LF in CRLF front matter: %r' % (label, new_front)
    if lf and not crlf and b'\r\n' in new_front:
        return '%s: a CRLF in LF front matter: %r' % (label, new_front)

    first, old_end, new_end = changed_lines(front, new_front)
    if job.kind == 'add':
        if old_end != first:
            return '%s: lines %d..%d of the block changed, not just added' % (label, first, old_end)
        return None
    entry = entry_line_ranges(front)[job.key]
    if job.kind == 'unset' and new_end != first:
        return '%s: lines were added' % label
    if not (entry[0] <= first and old_end <= entry[1]):
        return '%s: lines %d..%d changed, the entry is lines %d..%d' % (
            label, first, old_end, entry[0], entry[1])
    return None


def run_jobs(kind):
    jobs, notes = plans()
    todo = jobs[kind]
    if not todo:
        raise Skip('no valid YAML post in the corpus')
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        problems = [p for p in pool.map(run_job, todo) if p is not None]
    print('# %d %s edits over %d posts in %.1f s' % (
        len(todo), kind, len({j.name for j in todo}), time.monotonic() - start))
    if kind == 'set':
        for note in notes:
            print('# left out: ' + note)
    assert not problems, '%d of %d %s edits failed:\n%s' % (
        len(problems), len(todo), kind, '\n'.join(problems))


@tests.add
def set_every_top_level_scalar():
    run_jobs('set')


@tests.add
def add_an_entry():
    run_jobs('add')


@tests.add
def remove_every_top_level_entry():
    run_jobs('unset')


@tests.add
def dry_run_never_writes():
    problems = []
    for name, path, data in corpus():
        with TempDir() as tmp:
            copy = tmp.write(name, data)
            result = run('set', copy, ADDED_KEY, 'x', '--dry-run')
            if read(copy) != data or os.listdir(tmp.path) != [name]:
                problems.append('%s: --dry-run wrote (exit %d)' % (name, result.status))
            if result.status == 0 and not result.stdout.startswith(b'--- '):
                problems.append('%s: --dry-run printed no diff' % name)
    assert not problems, '\n'.join(problems)


if __name__ == '__main__':
    tests.main()
