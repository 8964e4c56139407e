#!/usr/bin/python3
# test-cli-toml.py: byline-post set and unset on TOML front matter.
#
# Each edit changes only its value's bytes (the rest of the file is
# compared byte for byte), Python's tomllib reads the result, and Debian's
# hugo reads a TOML post byline-post edited.
#
#   /usr/bin/python3 tests/core/test-cli-toml.py PATH/TO/byline-post [TEST…]
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import io
import os
import shutil
import subprocess
import tomllib

from clitest import Skip, TempDir, Tests, read, run

tests = Tests()

EXIT_OK, EXIT_INVALID, EXIT_UNSUPPORTED = 0, 1, 3
HERE = os.path.dirname(os.path.abspath(__file__))


def toml_fixture(name):
    return os.path.join(HERE, '..', 'data', 'toml', name)


def front(data):
    """The TOML front matter of @data (bytes), as tomllib reads it."""
    text = data.decode('utf-8').lstrip('\ufeff').replace('\r\n', '\n')
    return tomllib.loads(text.split('+++\n')[1])


def only_changed(old, new, pairs):
    """@new is @old with each (old bytes, new bytes) of @pairs replaced once."""
    want = old
    for a, b in pairs:
        assert want.count(a) == 1, (a, want)
        want = want.replace(a, b)
    assert new == want, '\n%s\n---- want\n%s' % (new.decode(), want.decode())


@tests.add
def set_changes_only_the_value():
    with TempDir() as tmp:
        post = tmp.copy(toml_fixture('hugo-post.md'))
        old = read(post)
        run('set', post, 'title', 'Library opens: "a room" #1', status=EXIT_OK)
        run('set', post, 'date', '2025-03-01T09:30:00Z', status=EXIT_OK)
        run('set', post, 'tags', 'harbour-gazette, libraries', status=EXIT_OK)
        run('set', post, 'draft', 'true', status=EXIT_OK)
        run('set', post, 'weight', '4', status=EXIT_OK)
        run('set', post, 'summary', "It's new.", status=EXIT_OK)
        run('set', post, 'params.place', 'Nord-Hafen, 港', status=EXIT_OK)
        new = read(post)
        only_changed(old, new, [
            (b'"Harbour town opens a library with a view of the sea"', b'"Library opens: \\"a room\\" #1"'),
            (b'2025-02-13T01:55:25Z', b'2025-03-01T09:30:00Z'),
            (b'["harbour-gazette"]', b'["harbour-gazette", "libraries"]'),
            (b'draft = false', b'draft = true'),
            (b'weight = 3', b'weight = 4'),
            (b"'By the Byline test desk. The harbour town opened its new library.'", b'"It\'s new."'),
            ('"Süd-Hafen, 港"'.encode(), '"Nord-Hafen, 港"'.encode()),
        ])
        got = front(new)
        assert got['title'] == 'Library opens: "a room" #1', got
        assert got['date'].isoformat() == '2025-03-01T09:30:00+00:00', got
        assert got['tags'] == ['harbour-gazette', 'libraries'], got
        assert got['draft'] is True and got['weight'] == 4, got
        assert got['params']['place'] == 'Nord-Hafen, 港', got


@tests.add
def set_adds_and_unset_removes_lines():
    with TempDir() as tmp:
        post = tmp.copy(toml_fixture('hugo-post.md'))
        old = read(post)
        run('set', post, 'slug', 'library', status=EXIT_OK)
        run('set', post, 'params.photo', 'harbour.jpg', status=EXIT_OK)
        new = read(post)
        only_changed(old, new, [
            (b'weight = 3\n', b'weight = 3\nslug = "library"\n'),
            (b'  author = "Byline Test Desk"\n', b'  author = "Byline Test Desk"\n'),
            ('  place = "Süd-Hafen, 港"\n'.encode(), '  place = "Süd-Hafen, 港"\n  photo = "harbour.jpg"\n'.encode()),
        ])
        assert front(new)['slug'] == 'library' and front(new)['params']['photo'] == 'harbour.jpg'
        run('unset', post, 'slug', status=EXIT_OK)
        run('unset', post, 'params.photo', status=EXIT_OK)
        assert read(post) == old, read(post).decode()
        run('unset', post, 'summary', status=EXIT_OK)
        only_changed(old, read(post), [
            (b"summary = 'By the Byline test desk. The harbour town opened its new library.'\n", b''),
        ])


@tests.add
def crlf_and_bom_stay():
    with TempDir() as tmp:
        data = b'\xef\xbb\xbf' + read(toml_fixture('hugo-post.md')).replace(b'\n', b'\r\n')
        post = tmp.write('crlf.md', data)
        run('set', post, 'title', 'CR LF', status=EXIT_OK)
        run('set', post, 'note', 'added', status=EXIT_OK)
        new = read(post)
        only_changed(data, new, [
            (b'"Harbour town opens a library with a view of the sea"', b'"CR LF"'),
            (b'weight = 3\r\n', b'weight = 3\r\nnote = "added"\r\n'),
        ])
        assert front(new)['title'] == 'CR LF'


@tests.add
def refusals_leave_the_file_untouched():
    with TempDir() as tmp:
        post = tmp.write('dotted.md', '+++\nsite.name = "x"\ntitle = "t"\n[params]\na = 1\n+++\nBody\n')
        old = read(post)
        for args, status in ((['unset', 'site.name'], EXIT_UNSUPPORTED),
                             (['set', 'site', 'x'], EXIT_INVALID),
                             (['set', 'title', 'x', '--type', 'int'], None),
                             (['set', 'nope.deeper', 'x'], None)):
            os.utime(post, (1000000000, 1000000000))
            result = run(args[0], post, *args[1:], status=status)
            assert result.status != EXIT_OK, result
            assert result.stderr, result
            assert read(post) == old and os.stat(post).st_mtime == 1000000000, args
        result = run('set', post, 'title', 'dry', '--dry-run', status=EXIT_OK)
        assert b'+title = "dry"' in result.stdout, result
        assert read(post) == old


def hugo():
    path = shutil.which('hugo')
    if path is None:
        raise Skip('hugo is not installed (Debian package hugo)')
    return path


def hugo_list(site):
    env = dict(os.environ, HOME=site, HUGO_CACHEDIR=os.path.join(site, '.cache'))
    proc = subprocess.run([hugo(), '--source', site, 'list', 'all'], capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode('utf-8'))))
    assert len(rows) == 1, rows
    return rows[0]


@tests.add
def hugo_reads_the_edits():
    hugo()
    with TempDir() as tmp:
        site = tmp.join('site')
        os.makedirs(os.path.join(site, 'content', 'posts'))
        with open(os.path.join(site, 'hugo.toml'), 'w') as f:
            f.write('baseURL = "https://example.org/"\ntitle = "Byline test site"\n')
        post = os.path.join(site, 'content', 'posts', 'library.md')
        shutil.copy(toml_fixture('hugo-post.md'), post)
        row = hugo_list(site)
        assert row['title'] == 'Harbour town opens a library with a view of the sea', row
        assert row['draft'] == 'false', row

        run('set', post, 'title', 'Library opens: "a room" #1', status=EXIT_OK)
        run('set', post, 'date', '2025-03-01T09:30:00Z', status=EXIT_OK)
        run('set', post, 'draft', 'true', status=EXIT_OK)
        row = hugo_list(site)
        assert row['title'] == 'Library opens: "a room" #1', row
        assert row['date'] == '2025-03-01T09:30:00Z', row
        assert row['draft'] == 'true', row


if __name__ == '__main__':
    tests.main()
