#!/usr/bin/python3
# test-cli.py: every byline-post command and error case, on our own fixtures
# in tests/data/cli. PyYAML (libyaml through CSafeLoader) reads the results
# as an independent reader; `patch` and `diff` check --dry-run's diffs.
#
#   /usr/bin/python3 tests/core/test-cli.py PATH/TO/byline-post [TEST…]
#
# SPDX-License-Identifier: GPL-3.0-or-later
import datetime
import json
import os
import re
import shutil
import stat
import subprocess

from clitest import (Skip, TempDir, Tests, changed_lines, entry_line_ranges, fixture, load_yaml,
                     read, run, shared_dir, split)

tests = Tests()

EXIT_OK, EXIT_INVALID, EXIT_TROUBLE, EXIT_UNSUPPORTED = 0, 1, 2, 3


def front(data):
    parts = split(data)
    assert parts is not None, 'no closed YAML block in %r' % data[:200]
    return load_yaml(parts[1])


def assert_one_entry_changed(old, new, key, expected):
    """PyYAML reads @new as @old with only @key changed to @expected."""
    before = front(old)
    after = front(new)
    assert after.get(key) == expected, '%s: expected %r, got %r' % (key, expected, after.get(key))
    assert type(after.get(key)) is type(expected), '%s: expected a %s, got %r' % (
        key, type(expected).__name__, after.get(key))
    before[key] = expected
    assert list(after) == list(before), 'keys or their order changed: %r' % list(after)
    assert after == before, 'other fields changed'


# --- Help, version, usage ----------------------------------------------------

@tests.add
def help_and_version():
    result = run('--help', status=EXIT_OK)
    for command in ('get', 'set', 'unset', 'check'):
        assert command in result.text, result
    result = run('set', '--help', status=EXIT_OK)
    assert '--type' in result.text and '--dry-run' in result.text, result
    assert 'comma' in result.text, 'the list syntax is documented: %r' % result
    assert 'byline-post set' in result.text, result
    for command in ('get', 'unset', 'check'):
        run(command, '--help', status=EXIT_OK)
    result = run('--version', status=EXIT_OK)
    assert re.fullmatch(r'byline-post \d+\.\d+\.\d+\n', result.text), result


@tests.add
def usage_errors_exit_2():
    with TempDir() as tmp:
        post = tmp.copy(fixture('small.md'))
        before = read(post)
        cases = [
            [],
            ['frobnicate', post],
            ['--bogus'],
            ['get'],
            ['get', post, 'title', 'extra'],
            ['set', post, 'title'],
            ['set', post, 'title', 'x', 'extra'],
            ['set', post, 'title', 'x', '--bogus'],
            ['set', post, 'title', 'x', '--type', 'colour'],
            ['set', post, 'a..b', 'x'],
            ['set', post, '.title', 'x'],
            ['set', post, '', 'x'],
            ['set', post, 'weight', '-5'],          # "-5" reads as an option: use --
            ['unset', post],
            ['unset', post, 'title', 'extra'],
            ['check'],
        ]
        for args in cases:
            result = run(*args)
            assert result.status == EXIT_TROUBLE, 'expected exit 2: %r' % result
            assert result.stderr.strip(), 'a usage error says why: %r' % result
            assert read(post) == before, 'file changed by %r' % args


# --- get -----------------------------------------------------------------------

@tests.add
def get_all_fields():
    fields = json.loads(run('get', fixture('post.md'), status=EXIT_OK).text)
    expected_types = {
        'title': 'string', 'subtitle': 'string', 'summary': 'string', 'date': 'date',
        'lastmod': 'datetime', 'publishDate': 'datetime', 'draft': 'bool', 'weight': 'int',
        'rating': 'float', 'legacy': 'bool', 'empty': 'null', 'tags': 'list',
        'keywords': 'list', 'description': 'text', 'params': 'mapping', 'menu': 'mapping',
    }
    assert list(fields) == list(expected_types), 'keys in file order: %r' % list(fields)
    for key, type_name in expected_types.items():
        assert set(fields[key]) >= {'value', 'type'}, fields[key]
        assert fields[key]['type'] == type_name, '%s: %r' % (key, fields[key])

    values = {key: fields[key]['value'] for key in fields if key not in ('params', 'menu')}
    assert values == {
        'title': 'Café au lait – a “first” post',
        'subtitle': "It's single-quoted",
        'summary': 'Double "quoted" summary',
        'date': '2024-05-17',
        'lastmod': '2024-05-18T09:30:00+02:00',
        'publishDate': '2024-05-17 08:00:00',
        'draft': True,
        'weight': 10,
        'rating': 4.5,
        'legacy': True,
        'empty': None,
        'tags': ['coffee', 'morning'],
        'keywords': ['milk', 'foam'],
        'description': 'A literal block\nover two lines.\n',
    }, values

    params = fields['params']['value']
    assert params['author'] == {'value': 'Ana Ruiz', 'type': 'string'}, params
    assert params['featured'] == {'value': False, 'type': 'bool'}, params
    assert params['nested']['type'] == 'mapping', params
    assert params['nested']['value']['level'] == {'value': 3, 'type': 'int'}, params
    menu = fields['menu']['value']['main']
    assert menu == {'value': [{'name': 'Coffee', 'weight': 2}], 'type': 'list'}, menu


@tests.add
def get_one_key():
    post = fixture('post.md')
    cases = [
        ('title', {'value': 'Café au lait – a “first” post', 'type': 'string'}),
        ('params.author', {'value': 'Ana Ruiz', 'type': 'string'}),
        ('params.nested.level', {'value': 3, 'type': 'int'}),
        ('tags', {'value': ['coffee', 'morning'], 'type': 'list'}),
        ('tags.1', {'value': 'morning', 'type': 'string'}),
        ('menu.main.0.weight', {'value': 2, 'type': 'int'}),
        ('date', {'value': '2024-05-17', 'type': 'date'}),
    ]
    for key, expected in cases:
        got = json.loads(run('get', post, key, status=EXIT_OK).text)
        assert got == expected, '%s: %r' % (key, got)

    for key in ('nope', 'params.nope', 'tags.7', 'title.sub'):
        result = run('get', post, key, status=EXIT_INVALID)
        assert key in result.stderr, result
        assert result.stdout == b'', result


@tests.add
def get_numbers_print_short():
    with TempDir() as tmp:
        post = tmp.write('numbers.md', '---\na: 0.1\nb: 4.7\nc: 3.0\nd: -1.5e-7\ne: [0.1, 2]\n'
                                       'f: 12\ng: "\\u0001float00000000:1"\nh: 010\ni: 0x1F\n'
                                       'j: -7\nk: 0\n---\n')
        result = run('get', post, status=EXIT_OK)
        fields = json.loads(result.text)
        assert [fields[k]['value'] for k in 'abcdefghijk'] == [
            0.1, 4.7, 3.0, -1.5e-7, [0.1, 2], 12, '\x01float00000000:1', '010', '0x1F', -7, 0], fields
        assert b'0.1000' not in result.stdout and b'4.7000' not in result.stdout, result
        assert isinstance(fields['c']['value'], float), 'a float stays a float: %r' % result


@tests.add
def get_json_front_matter():
    post = fixture('json.md')
    fields = json.loads(run('get', post, status=EXIT_OK).text)
    # JSON can't be edited: the fields may say so.
    for field in fields.values():
        assert field.pop('read_only', True) is True, field
    fields['params']['value']['author'].pop('read_only', None)
    assert fields['title'] == {'value': 'JSON front matter', 'type': 'string'}, fields
    assert fields['tags'] == {'value': ['espresso', 'crema'], 'type': 'list'}, fields
    assert fields['draft'] == {'value': False, 'type': 'bool'}, fields
    assert fields['weight'] == {'value': 3, 'type': 'int'}, fields
    assert fields['date']['value'] == '2024-05-17', fields
    assert fields['params']['type'] == 'mapping', fields
    got = json.loads(run('get', post, 'params.author', status=EXIT_OK).text)
    got.pop('read_only', None)
    assert got == {'value': 'Ana Ruiz', 'type': 'string'}, got
    run('get', post, 'nope', status=EXIT_INVALID)


@tests.add
def get_reads_toml():
    """TOML is read (Python's tomllib is the outside reader); test-cli-toml.py edits it."""
    import tomllib
    expected = tomllib.loads(read(fixture('toml.md')).decode().split('+++\n')[1])
    got = json.loads(run('get', fixture('toml.md'), status=0).stdout)
    assert list(got) == list(expected), got
    assert got['title'] == {'value': expected['title'], 'type': 'string'}, got
    assert got['date']['type'] == 'date' and got['date']['value'] == expected['date'].isoformat(), got
    assert got['tags']['value'] == expected['tags'], got


@tests.add
def get_without_front_matter():
    assert json.loads(run('get', fixture('none.md'), status=EXIT_OK).text) == {}
    run('get', fixture('none.md'), 'title', status=EXIT_INVALID)
    with TempDir() as tmp:
        empty = tmp.write('empty.md', b'')
        assert json.loads(run('get', empty, status=EXIT_OK).text) == {}
        block = tmp.write('empty-block.md', '---\n---\nBody\n')
        assert json.loads(run('get', block, status=EXIT_OK).text) == {}


@tests.add
def get_invalid_reports_position():
    post = fixture('invalid.md')
    data = read(post)
    try:
        load_yaml(split(data)[1])
        raise AssertionError('PyYAML reads invalid.md')
    except Exception as e:
        mark = e.problem_mark
    # The block starts on line 2 of the file.
    expected = 'invalid.md:%d:%d: ' % (mark.line + 2, mark.column + 1)
    for args in (('get', post), ('get', post, 'title')):
        result = run(*args, status=EXIT_INVALID)
        assert expected in result.stderr, 'expected %r: %r' % (expected, result)


# --- set -----------------------------------------------------------------------

# (key, value, extra arguments, what PyYAML reads back)
SET_CASES = [
    ('title', 'A: "new" #1', [], 'A: "new" #1'),
    ('title', 'Plain new title', [], 'Plain new title'),
    ('title', 'true', [], 'true'),                     # a string field stays a string
    ('title', '2024-01-01', [], '2024-01-01'),
    ('title', '', [], ''),
    ('subtitle', "Don't stop", [], "Don't stop"),
    ('summary', 'Back\\slash and "quotes"', [], 'Back\\slash and "quotes"'),
    ('summary', 'Ünïcödé 日本語 ✓', [], 'Ünïcödé 日本語 ✓'),
    ('date', '2023-12-31', [], datetime.date(2023, 12, 31)),
    ('date', '2023-12-31T10:00:00+01:00', [],
     datetime.datetime(2023, 12, 31, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))),
    ('publishDate', '2023-01-02 03:04:05', [], datetime.datetime(2023, 1, 2, 3, 4, 5)),
    ('lastmod', '2023-06-07T08:09:10+02:00', [], '2023-06-07T08:09:10+02:00'),  # stays quoted
    ('draft', 'false', [], False),
    ('draft', 'no', [], False),
    ('weight', '12', [], 12),
    ('weight', '2.5', [], 2.5),
    ('weight', '-3', ['--'], -3),
    ('rating', '3.75', [], 3.75),
    ('tags', 'tea, biscuits', [], ['tea', 'biscuits']),
    ('tags', '["a, b", "c"]', [], ['a, b', 'c']),
    ('tags', '', [], []),
    ('keywords', 'steam, cup', [], ['steam', 'cup']),
    ('empty', 'now filled', [], 'now filled'),
    ('description', 'One line\nand another\n', [], 'One line\nand another\n'),
    ('title', '42', ['--type', 'int'], 42),
    ('title', 'yes', ['--type', 'bool'], True),
    ('title', '1.5', ['--type', 'float'], 1.5),
    ('title', '2022-02-02', ['--type', 'date'], datetime.date(2022, 2, 2)),
    ('title', 'x, y', ['--type', 'list'], ['x', 'y']),
    ('weight', '12', ['--type', 'string'], '12'),
    ('added', 'A new field', [], 'A new field'),
    ('added', '7', [], '7'),                          # new keys are strings
    ('added', '7', ['--type', 'int'], 7),
    ('added', 'p, q', ['--type', 'list'], ['p', 'q']),
]


@tests.add
def set_table():
    for key, value, extra, expected in SET_CASES:
        with TempDir() as tmp:
            post = tmp.copy(fixture('post.md'))
            old = read(post)
            if extra[:1] == ['--']:
                run('set', post, key, '--', value, status=EXIT_OK)
            else:
                run('set', post, key, value, *extra, status=EXIT_OK)
            new = read(post)
            try:
                assert_one_entry_changed(old, new, key, expected)
                # The body and everything outside the block keep their bytes.
                assert split(new)[2] == split(old)[2], 'body changed'
                if key != 'added':
                    # Only the entry's own lines changed.
                    first, old_end, _ = changed_lines(old, new)
                    entry = entry_lines(old, key)
                    assert entry[0] <= first and old_end <= entry[1], \
                        'lines %d..%d changed, entry is %r' % (first, old_end, entry)
            except AssertionError as e:
                raise AssertionError('set %s %r %r: %s\n--- old\n%s\n--- new\n%s' % (
                    key, value, extra, e, old.decode(), new.decode()))


def entry_lines(data, key):
    """[first, end) file lines of the top-level entry @key, per PyYAML."""
    prefix, fm, _ = split(data)
    first, end = entry_line_ranges(fm)[key]
    offset = prefix.count(b'\n')
    return offset + first, offset + end


@tests.add
def set_keeps_styles():
    with TempDir() as tmp:
        post = tmp.copy(fixture('post.md'))
        run('set', post, 'keywords', 'steam, cup', status=EXIT_OK)
        run('set', post, 'tags', 'tea, biscuits', status=EXIT_OK)
        run('set', post, 'subtitle', 'Plain words', status=EXIT_OK)
        run('set', post, 'summary', 'Other words', status=EXIT_OK)
        run('set', post, 'title', 'Café noir', status=EXIT_OK)
        text = read(post).decode()
        assert re.search(r'^keywords: \[steam, cup\]$', text, re.M), 'flow list stays flow:\n' + text
        assert re.search(r'^tags:\n  - "?tea"?\n  - "?biscuits"?\n', text, re.M), \
            'block list stays block, indented:\n' + text
        assert "subtitle: 'Plain words'" in text, 'single quotes kept:\n' + text
        assert 'summary: "Other words"' in text, 'double quotes kept:\n' + text
        assert re.search(r'^title: Café noir +# trailing comment$', text, re.M), \
            'plain stays plain, comment kept:\n' + text
        assert '# A post written for byline-post\'s tests.' in text


@tests.add
def set_nested_and_sequence_items():
    with TempDir() as tmp:
        post = tmp.copy(fixture('post.md'))
        old = read(post)
        run('set', post, 'params.author', 'Zoë Brandt', status=EXIT_OK)
        run('set', post, 'params.nested.level', '4', status=EXIT_OK)
        run('set', post, 'menu.main.0.name', 'Tea', status=EXIT_OK)
        run('set', post, 'tags.0', 'cocoa', status=EXIT_OK)
        before, after = front(old), front(read(post))
        before['params']['author'] = 'Zoë Brandt'
        before['params']['nested']['level'] = 4
        before['menu']['main'][0]['name'] = 'Tea'
        before['tags'][0] = 'cocoa'
        assert after == before, after
        first, old_end, new_end = changed_lines(old, read(post))
        assert old.count(b'\n') == read(post).count(b'\n'), 'one line per field'


@tests.add
def set_refusals_leave_file_untouched():
    cases = [
        # (args after FILE, exit status, words in the message)
        (['draft', 'maybe', '--type', 'bool'], EXIT_INVALID, 'boolean'),
        (['weight', 'heavy', '--type', 'int'], EXIT_INVALID, 'number'),
        (['rating', 'x', '--type', 'float'], EXIT_INVALID, 'number'),
        (['date', '17 May', '--type', 'date'], EXIT_INVALID, 'date'),
        (['date', '2024-13-01', '--type', 'date'], EXIT_INVALID, 'date'),
        (['lastmod', 'noon', '--type', 'datetime'], EXIT_INVALID, 'date'),
        (['tags', '[1, [2]]', '--type', 'list'], EXIT_INVALID, 'list'),
        (['tags', '[unclosed', '--type', 'list'], EXIT_INVALID, 'JSON'),
        (['params', 'flat'], EXIT_INVALID, 'mapping'),
        (['params', 'flat', '--type', 'string'], EXIT_INVALID, 'mapping'),
        (['menu.main', 'a, b'], EXIT_INVALID, 'list of mappings'),
        (['menu.main', 'a', '--type', 'string'], EXIT_INVALID, 'list of mappings'),
        (['missing.child', 'x'], EXIT_INVALID, 'missing'),
        (['title.sub', 'x'], EXIT_INVALID, 'single value'),
        (['tags.5', 'x'], EXIT_INVALID, 'no item'),
        (['tags.first', 'x'], EXIT_INVALID, 'no item'),
    ]
    for args, status, words in cases:
        with TempDir() as tmp:
            post = tmp.copy(fixture('post.md'))
            old = read(post)
            result = run('set', post, *args, status=status)
            assert words in result.stderr, '%r: %r' % (args, result)
            assert read(post) == old, 'file changed by %r' % args
            assert os.listdir(tmp.path) == ['post.md'], 'left files behind: %r' % os.listdir(tmp.path)


@tests.add
def set_type_fallback_notes():
    with TempDir() as tmp:
        post = tmp.copy(fixture('post.md'))
        old = read(post)
        result = run('set', post, 'draft', 'maybe', status=EXIT_OK)
        assert 'note' in result.stderr and 'string' in result.stderr, result
        assert_one_entry_changed(old, read(post), 'draft', 'maybe')


@tests.add
def set_crlf_and_bom():
    source = read(fixture('small.md'))
    variants = {
        'crlf.md': source.replace(b'\n', b'\r\n'),
        'bom.md': b'\xef\xbb\xbf' + source,
        'bom-crlf.md': b'\xef\xbb\xbf' + source.replace(b'\n', b'\r\n'),
    }
    for name, data in variants.items():
        with TempDir() as tmp:
            post = tmp.write(name, data)
            run('set', post, 'title', 'Grand café', status=EXIT_OK)
            run('set', post, 'tags', 'three, four', status=EXIT_OK)
            run('set', post, 'added', 'new: entry', status=EXIT_OK)
            run('unset', post, 'draft', status=EXIT_OK)
            new = read(post)
            assert new.startswith(data[:3]), '%s: BOM changed' % name
            if b'\r\n' in data:
                assert new.count(b'\n') == new.count(b'\r\n'), '%s: a bare LF:\n%r' % (name, new)
            expected = front(data)
            expected.update(title='Grand café', tags=['three', 'four'], added='new: entry')
            del expected['draft']
            assert front(new) == expected, '%s: %r' % (name, front(new))
            assert split(new)[2] == split(data)[2], '%s: body changed' % name


@tests.add
def set_creates_block_when_there_is_none():
    body = read(fixture('none.md'))
    cases = {
        'lf.md': (body, b'---\ntitle: x\n---\n'),
        'crlf.md': (body.replace(b'\n', b'\r\n'), b'---\r\ntitle: x\r\n---\r\n'),
        'bom.md': (b'\xef\xbb\xbf' + body, b'\xef\xbb\xbf---\ntitle: x\n---\n'),
        'empty.md': (b'', b'---\ntitle: x\n---\n'),
    }
    for name, (data, block) in cases.items():
        with TempDir() as tmp:
            post = tmp.write(name, data)
            run('set', post, 'title', 'x', status=EXIT_OK)
            expected = block + data[3:] if data.startswith(b'\xef\xbb\xbf') else block + data
            assert read(post) == expected, '%s: %r' % (name, read(post))
            run('set', post, 'count', '3', '--type', 'int', status=EXIT_OK)
            assert front(read(post)) == {'title': 'x', 'count': 3}, read(post)


def json_split(data):
    """(front matter as Python values, the JSON text's end, the bytes after it),
    read with Python's json: the outside reader."""
    text = data.decode('utf-8')
    value, end = json.JSONDecoder().raw_decode(text)
    return value, end, text[end:].encode('utf-8')


@tests.add
def edits_of_json():
    """JSON front matter is edited: Python's json reads the change and nothing else."""
    for args, change in (
            (['set', 'title', 'A "new" title'], lambda f: f.update(title='A "new" title')),
            (['set', 'weight', '5', '--type', 'int'], lambda f: f.update(weight=5)),
            (['set', 'draft', 'true', '--type', 'bool'], lambda f: f.update(draft=True)),
            (['set', 'tags', 'a,b,c', '--type', 'list'], lambda f: f.update(tags=['a', 'b', 'c'])),
            (['set', 'params.author', 'Ünïcode'], lambda f: f['params'].update(author='Ünïcode')),
            (['set', 'summary', 'Short'], lambda f: f.update(summary='Short')),
            (['unset', 'weight'], lambda f: f.pop('weight'))):
        with TempDir() as tmp:
            post = tmp.copy(fixture('json.md'))
            old = read(post)
            run(args[0], post, *args[1:], status=EXIT_OK)
            new = read(post)
            before, _, body_before = json_split(old)
            after, _, body_after = json_split(new)
            change(before)
            assert after == before and list(after) == list(before), (args, new)
            assert body_after == body_before, args
            # the lines of the other fields are untouched (but for a comma
            # after what is now no longer the last)
            new_lines = [line.rstrip(b',') for line in new.split(b'\n')]
            for line in old.split(b'\n'):
                if args[1].split('.')[0].encode() not in line:
                    assert line.rstrip(b',') in new_lines, (args, line, new)
    # dry run: a diff, nothing written
    with TempDir() as tmp:
        post = tmp.copy(fixture('json.md'))
        old = read(post)
        result = run('set', post, 'title', 'x', '--dry-run', status=EXIT_OK)
        assert b'+  "title": "x",' in result.stdout, result
        assert read(post) == old


@tests.add
def edits_of_json_yaml_reads_otherwise_are_refused():
    """JSON that YAML reads differently (1e3 is a number to JSON, text to YAML
    1.1) is not edited: a message, the file untouched."""
    with TempDir() as tmp:
        post = tmp.write('odd.md', '{\n  "title": "x",\n  "n": 1e3\n}\nBody\n')
        old = read(post)
        os.utime(post, (1000000000, 1000000000))
        result = run('set', post, 'title', 'y', status=EXIT_UNSUPPORTED)
        assert 'JSON' in result.stderr, result
        assert read(post) == old and os.stat(post).st_mtime == 1000000000


@tests.add
def edits_of_json_corpus():
    """Every JSON post of the shared corpus: its title set, a field removed,
    one added; Python's json reads each change and nothing else, the body
    stays byte for byte."""
    corpus = os.path.join(shared_dir(), 'corpus')
    names = sorted(n for n in os.listdir(corpus)
                   if n.endswith('.md') and read(os.path.join(corpus, n))[:1] == b'{')
    assert names, 'no JSON post in the corpus'
    for name in names:
        data = read(os.path.join(corpus, name))
        before, _, body = json_split(data)
        keys = list(before)
        for args in (['set', keys[0], 'Edited by Byline'], ['unset', keys[-1]], ['set', 'byline_added', 'yes']):
            with TempDir() as tmp:
                post = tmp.write(name, data)
                run(args[0], post, *args[1:], status=EXIT_OK)
                after, _, new_body = json_split(read(post))
                expected = dict(before)
                if args[0] == 'unset':
                    del expected[args[1]]
                else:
                    expected[args[1]] = args[2]
                assert after == expected and list(after) == list(expected), (name, args)
                assert new_body == body, (name, args)


@tests.add
def edits_of_invalid_or_unclosed_blocks_are_refused():
    for name in ('invalid.md', 'unclosed.md'):
        for args in (['set', 'title', 'x'], ['unset', 'title']):
            with TempDir() as tmp:
                post = tmp.copy(fixture(name))
                old = read(post)
                result = run(args[0], post, *args[1:], status=EXIT_INVALID)
                assert re.search(re.escape(name) + r':\d+:\d+: ', result.stderr), result
                assert read(post) == old, '%s changed by %r' % (name, args)


@tests.add
def read_only_constructs_are_not_edited():
    with TempDir() as tmp:
        post = tmp.copy(fixture('anchors.md'))
        old = read(post)
        for args in (['theme', 'blue'], ['theme.color', 'blue'], ['base.color', 'blue']):
            result = run('set', post, *args)
            assert result.status == EXIT_UNSUPPORTED, '%r: %r' % (args, result)
            assert read(post) == old
        fields = json.loads(run('get', post, status=EXIT_OK).text)
        assert fields['title']['value'] == 'Plain title', fields


# --- unset ---------------------------------------------------------------------

@tests.add
def unset_removes_whole_entries():
    for key in ('title', 'tags', 'description', 'params', 'menu', 'empty', 'keywords'):
        with TempDir() as tmp:
            post = tmp.copy(fixture('post.md'))
            old = read(post)
            entry = entry_lines(old, key)
            run('unset', post, key, status=EXIT_OK)
            new = read(post)
            expected = front(old)
            del expected[key]
            assert front(new) == expected, '%s: %r' % (key, front(new))
            first, old_end, new_end = changed_lines(old, new)
            assert new_end == first, '%s: lines were added' % key
            assert entry[0] <= first and old_end <= entry[1], \
                '%s: removed lines %d..%d, entry is %r' % (key, first, old_end, entry)
            assert b'trailing comment' in new or key == 'title'


@tests.add
def unset_nested_and_missing():
    with TempDir() as tmp:
        post = tmp.copy(fixture('post.md'))
        old = read(post)
        run('unset', post, 'params.featured', status=EXIT_OK)
        expected = front(old)
        del expected['params']['featured']
        assert front(read(post)) == expected
        run('unset', post, 'tags.0', status=EXIT_OK)
        expected['tags'] = ['morning']
        assert front(read(post)) == expected
        before = read(post)
        for key in ('nope', 'params.nope', 'tags.5'):
            result = run('unset', post, key, status=EXIT_INVALID)
            assert key in result.stderr, result
        assert read(post) == before
        none = tmp.copy(fixture('none.md'))
        run('unset', none, 'title', status=EXIT_INVALID)
        assert read(none) == read(fixture('none.md'))


# --- --dry-run -------------------------------------------------------------------

DRY_RUN_CASES = [
    ('post.md', ['set', 'title', 'New title']),
    ('post.md', ['set', 'tags', 'a, b, c, d']),
    ('post.md', ['set', 'description', 'x\ny\nz\n']),
    ('post.md', ['set', 'added', 'at the end']),
    ('post.md', ['unset', 'menu']),
    ('post.md', ['unset', 'title']),
    ('small.md', ['set', 'title', 'Top']),
    ('small.md', ['unset', 'draft']),
    ('none.md', ['set', 'title', 'Created']),
]


@tests.add
def dry_run_prints_a_diff_that_patch_applies():
    if shutil.which('patch') is None:
        raise Skip('patch is not installed')
    for name, args in DRY_RUN_CASES:
        with TempDir() as tmp:
            post = tmp.copy(fixture(name))
            old = read(post)
            os.utime(post, (1000000000, 1000000000))
            result = run(args[0], post, *args[1:], '--dry-run', status=EXIT_OK)
            assert read(post) == old and os.stat(post).st_mtime == 1000000000, 'dry run wrote'
            assert os.listdir(tmp.path) == [name]
            diff = result.stdout
            assert diff.startswith(('--- %s\n+++ %s\n@@ -' % (post, post)).encode()), result

            # The real edit, then the diff applied to the original: same bytes.
            real = tmp.copy(fixture(name), 'real.md')
            run(args[0], real, *args[1:], status=EXIT_OK)
            patched = tmp.copy(fixture(name), 'patched.md')
            proc = subprocess.run(['patch', '--quiet', '--force', patched], input=diff,
                                  capture_output=True)
            assert proc.returncode == 0, 'patch failed: %r\n%s' % (proc, diff.decode())
            assert read(patched) == read(real), '%s %r: diff does not reproduce the edit:\n%s' % (
                name, args, diff.decode())

            # Same hunks as GNU diff -u.
            if shutil.which('diff'):
                gnu = subprocess.run(['diff', '-u', post, real], capture_output=True).stdout
                ours = diff.split(b'\n', 2)[2]
                theirs = gnu.split(b'\n', 2)[2]
                assert ours == theirs, 'ours:\n%s\nGNU diff:\n%s' % (ours.decode(), theirs.decode())


@tests.add
def dry_run_without_change_prints_nothing():
    with TempDir() as tmp:
        post = tmp.copy(fixture('small.md'))
        result = run('set', post, 'title', 'Small post', '--dry-run', status=EXIT_OK)
        assert result.stdout == b'', result
        os.utime(post, (1000000000, 1000000000))
        run('set', post, 'title', 'Small post', status=EXIT_OK)
        assert os.stat(post).st_mtime == 1000000000, 'a no-op set rewrote the file'


@tests.add
def dry_run_marks_missing_final_newline():
    with TempDir() as tmp:
        post = tmp.write('post.md', '---\ntitle: a\n---\nno newline at the end')
        result = run('set', post, 'title', 'b', '--dry-run', status=EXIT_OK)
        assert b'-title: a\n+title: b\n' in result.stdout, result
        post = tmp.write('tail.md', '---\ntitle: a\n---')
        result = run('set', post, 'title', 'b', '--dry-run', status=EXIT_OK)
        assert b'-title: a\n+title: b\n ---\n\\ No newline at end of file\n' in result.stdout, result


# --- check ---------------------------------------------------------------------

@tests.add
def check_statuses():
    good = [fixture(n) for n in ('post.md', 'small.md', 'json.md', 'none.md', 'anchors.md')]
    result = run('check', *good, status=EXIT_OK)
    assert result.stderr == '' and result.stdout == b'', result

    result = run('check', fixture('invalid.md'), *good, status=EXIT_INVALID)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and re.match(r'.*invalid\.md:3:\d+: .+', lines[0]), result

    result = run('check', fixture('unclosed.md'), status=EXIT_INVALID)
    assert re.match(r'.*unclosed\.md:1:1: .+', result.stderr), result

    with TempDir() as tmp:
        bad_json = tmp.write('bad.md', '{\n  "title": "x",\n  "tags": [1, 2,]\n}\nBody\n')
        result = run('check', bad_json)
        assert result.status == EXIT_INVALID, result
        assert re.match(r'.*bad\.md:\d+:\d+: .+', result.stderr), result

        missing = tmp.join('missing.md')
        result = run('check', fixture('invalid.md'), missing, *good, status=EXIT_TROUBLE)
        assert 'missing.md' in result.stderr and 'invalid.md:' in result.stderr, result

        run('check', fixture('toml.md'), status=0)
        run('check', fixture('toml.md'), fixture('invalid.md'), status=EXIT_INVALID)
        bad_toml = tmp.write('bad-toml.md', '+++\ntitle = "fine"\ntags = ["a",\n+++\nBody\n')
        result = run('check', bad_toml, status=EXIT_INVALID)
        assert re.match(r'.*bad-toml\.md:[34]:\d+: .+', result.stderr), result


# --- Files that are not posts ------------------------------------------------------

@tests.add
def unreadable_inputs_are_clear_errors():
    with TempDir() as tmp:
        inputs = {
            'missing': (tmp.join('missing.md'), 'does not exist'),
            'folder': (os.path.dirname(tmp.join('x')), 'folder'),
            'latin1': (tmp.write('latin1.md', '---\ntitle: caf\xe9\n---\n'.encode('latin-1')), ''),
            'binary': (tmp.write('binary.md', b'---\ntitle: x\n---\n\x00\x01\x02'), ''),
        }
        for what, (path, words) in inputs.items():
            before = read(path) if os.path.isfile(path) else None
            for args in (['get', path], ['get', path, 'title'], ['set', path, 'title', 'y'],
                         ['set', path, 'title', 'y', '--dry-run'], ['unset', path, 'title'],
                         ['check', path]):
                result = run(*args, status=EXIT_TROUBLE)
                assert result.stderr.strip() and words in result.stderr, '%s: %r' % (what, result)
                assert result.stdout == b'', result
            if before is None:
                assert not os.path.exists(path) or os.path.isdir(path), 'created %s' % path
            else:
                assert read(path) == before, '%s changed' % what
        assert sorted(os.listdir(tmp.path)) == ['binary.md', 'latin1.md'], os.listdir(tmp.path)


@tests.add
def devices_and_pipes_are_refused():
    with TempDir() as tmp:
        fifo = tmp.join('pipe.md')
        os.mkfifo(fifo)
        for path in ('/dev/zero', fifo):
            for args in (['get', path], ['set', path, 'title', 'x'], ['check', path]):
                result = run(*args, status=EXIT_TROUBLE)
                assert 'device or a pipe' in result.stderr, result


def unprivileged():
    """A command prefix that runs byline-post without root's override of
    file permissions, or None when this process is not root."""
    if os.geteuid() != 0:
        return None
    setpriv = shutil.which('setpriv')
    if setpriv is None:
        raise Skip('running as root, where permissions do not stop writes, and setpriv '
                   '(util-linux) is missing to drop privileges')
    return [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups']


@tests.add
def read_only_files_are_left_alone():
    wrap = unprivileged()
    with TempDir() as tmp:
        os.chmod(tmp.path, 0o755)
        folder = tmp.join('posts')
        os.mkdir(folder)
        post = os.path.join(folder, 'post.md')
        with open(post, 'wb') as f:
            f.write(read(fixture('small.md')))
        os.chmod(post, 0o444)
        os.chmod(folder, 0o555)
        if wrap is None and os.access(post, os.W_OK):
            raise Skip('this user can write a 0444 file in a 0555 folder')
        old = read(post)
        result = run('set', post, 'title', 'x', wrap=wrap, status=EXIT_TROUBLE)
        assert 'permission' in result.stderr, result
        assert read(post) == old and os.listdir(folder) == ['post.md']
        # Reading still works.
        got = json.loads(run('get', post, 'title', wrap=wrap, status=EXIT_OK).text)
        assert got['value'] == 'Small post', got

        # A read-only file in a writable folder.
        os.chmod(folder, 0o777)
        result = run('set', post, 'title', 'x', wrap=wrap)
        assert result.status == EXIT_TROUBLE, result
        assert read(post) == old and os.listdir(folder) == ['post.md']


@tests.add
def save_keeps_permissions():
    with TempDir() as tmp:
        post = tmp.copy(fixture('small.md'))
        os.chmod(post, 0o640)
        inode = os.stat(post).st_ino
        run('set', post, 'title', 'Kept mode', status=EXIT_OK)
        assert stat.S_IMODE(os.stat(post).st_mode) == 0o640, oct(os.stat(post).st_mode)
        assert os.stat(post).st_ino != inode, 'not replaced by rename (not atomic)'
        assert os.listdir(tmp.path) == ['small.md'], os.listdir(tmp.path)


@tests.add
def symlinked_post_stays_a_symlink():
    with TempDir() as tmp:
        target = tmp.copy(fixture('small.md'), 'target.md')
        link = tmp.join('link.md')
        os.symlink('target.md', link)
        run('set', link, 'title', 'Through a link', status=EXIT_OK)
        assert os.path.islink(link), 'the symlink was replaced by a regular file'
        assert front(read(target))['title'] == 'Through a link'


# --- The done check ------------------------------------------------------------

@tests.add
def news_post_title_done_check():
    sample = os.path.join(shared_dir(), 'samples', 'news-post.md')
    if not os.path.isfile(sample):
        raise Skip('%s is missing' % sample)
    title = 'A: "new" #1'
    with TempDir() as tmp:
        post = tmp.copy(sample)
        old = read(post)
        run('set', post, 'title', title, status=EXIT_OK)
        new = read(post)
        a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
        assert len(a) == len(b), 'line count changed'
        changed = [i for i in range(len(a)) if a[i] != b[i]]
        assert len(changed) == 1 and a[changed[0]].startswith(b'title:'), changed
        assert_one_entry_changed(old, new, 'title', title)


# --- new ---------------------------------------------------------------------

ARCHETYPE = ('---\n'
             'title: "{{ replace .Name "-" " " | title }}"\n'
             'date: {{ .Date }}\n'
             'draft: true\n'
             'section: "{{ .Section }}"\n'
             '---\n'
             '{{/* The body follows. */}}\n')


def make_site(tmp, archetypes):
    tmp.write('site/hugo.toml', 'baseURL = "https://example.org/"\n')
    for name, text in archetypes.items():
        tmp.write(os.path.join('site', 'archetypes', name), text)
    return tmp.join('site')


def assert_recent(date):
    assert isinstance(date, datetime.datetime) and date.tzinfo is not None, repr(date)
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs((now - date).total_seconds()) < 60, 'date %s is not now (%s)' % (date, now)


def current_umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@tests.add
def new_creates_the_post():
    result = run('--help', status=EXIT_OK)
    assert 'new FILE' in result.text, result
    result = run('new', '--help', status=EXIT_OK)
    assert 'archetype' in result.text and 'byline-post new' in result.text, result
    with TempDir() as tmp:
        # The site's archetype.
        site = make_site(tmp, {'default.md': ARCHETYPE})
        post = os.path.join(site, 'content', 'posts', 'my-first-post.md')
        os.makedirs(os.path.dirname(post))
        result = run('new', post, status=EXIT_OK)
        assert result.stdout == b'' and result.stderr == '', result
        data = read(post)
        assert data.endswith(b'\n---\n\n'), data
        fields = front(data)
        assert list(fields) == ['title', 'date', 'draft', 'section'], fields
        assert fields['title'] == 'My First Post', fields
        assert fields['draft'] is True and fields['section'] == 'posts', fields
        assert_recent(fields['date'])
        assert stat.S_IMODE(os.stat(post).st_mode) == 0o666 & ~current_umask(), \
            oct(os.stat(post).st_mode)

        # Byline's own template, outside a site, for a name YAML must quote.
        name = 'it\'s "quoted" #1: a\\b'
        post = tmp.write('notes/keep.md', 'x')
        post = tmp.join('notes', name + '.md')
        run('new', post, status=EXIT_OK)
        data = read(post)
        fields = front(data)
        assert list(fields) == ['title', 'date', 'draft'], fields
        assert fields['title'] == 'It\'s "Quoted" #1: A\\b', fields   # Hugo's title (AP style)
        assert fields['draft'] is True, fields
        assert_recent(fields['date'])
        run('check', post, status=EXIT_OK)


@tests.add
def new_makes_missing_folders():
    with TempDir() as tmp:
        site = make_site(tmp, {'default.md': ARCHETYPE,
                               'posts.md': '---\ntitle: {{ .Name | humanize }}\n---\n'})
        post = os.path.join(site, 'content', 'posts', '2025', '03', 'a-bundle', 'index.md')
        run('new', post, status=EXIT_OK)
        assert read(post) == b'---\ntitle: A bundle\n---\n', read(post)
        # A relative FILE, from inside the site.
        run('new', 'content/notes/relative-post.md', cwd=site, status=EXIT_OK)
        fields = front(read(os.path.join(site, 'content', 'notes', 'relative-post.md')))
        assert fields['title'] == 'Relative Post' and fields['section'] == 'notes', fields


@tests.add
def new_refuses_what_exists():
    with TempDir() as tmp:
        site = make_site(tmp, {'default.md': ARCHETYPE})
        post = tmp.copy(fixture('small.md'), 'site/content/posts/small.md')
        before = read(post)
        result = run('new', post, status=EXIT_TROUBLE)
        assert 'small.md' in result.stderr and 'exists' in result.stderr, result
        assert read(post) == before, 'the existing post changed'

        # A dangling symbolic link, and a folder.
        link = os.path.join(site, 'content', 'posts', 'link.md')
        os.symlink('nowhere.md', link)
        run('new', link, status=EXIT_TROUBLE)
        assert os.readlink(link) == 'nowhere.md' and not os.path.exists(tmp.join('site/content/posts/nowhere.md'))
        run('new', os.path.join(site, 'content'), status=EXIT_TROUBLE)

        # A file where a folder should be.
        run('new', os.path.join(post, 'x.md'), status=EXIT_TROUBLE)
        assert read(post) == before

        # Usage.
        run('new', status=EXIT_TROUBLE)
        run('new', tmp.join('a.md'), tmp.join('b.md'), status=EXIT_TROUBLE)
        assert not os.path.exists(tmp.join('a.md')) and not os.path.exists(tmp.join('b.md'))


@tests.add
def new_refuses_archetypes_it_cannot_fill_in():
    cases = [
        ('---\ntitle: {{ .Site.Title }}\n---\n', EXIT_UNSUPPORTED, '{{ .Site.Title }}'),
        ('---\ndate: {{ now.Format "2006-01-02" }}\n---\n', EXIT_UNSUPPORTED, 'now.Format'),
        ('---\n{{ if .Name }}title: x{{ end }}\n---\n', EXIT_UNSUPPORTED, '{{ if .Name }}'),
        ('---\ntitle: {{ .Name\n---\n', EXIT_UNSUPPORTED, 'line 2'),
        (b'---\ntitle: \xff\n---\n', EXIT_TROUBLE, 'UTF-8'),
    ]
    for archetype, status, quoted in cases:
        with TempDir() as tmp:
            site = make_site(tmp, {'default.md': archetype})
            post = os.path.join(site, 'content', 'posts', 'new-post.md')
            result = run('new', post, status=status)
            assert 'archetypes/default.md' in result.stderr and quoted in result.stderr, result
            assert not os.path.exists(os.path.dirname(post)), 'a folder was created'


if __name__ == '__main__':
    tests.main()
