#!/usr/bin/python3
# test-cli-hugo.py: Hugo as an outside reader of byline-post's edits.
#
# A small Hugo site in a temporary folder holds our sample post
# (tests/data/cli/hugo-post.md, shaped like a real news post); byline-post
# sets its title, date, tags and draft; then Debian's hugo reads it back:
# `hugo list all` (CSV: path,slug,title,date,expiryDate,publishDate,draft,
# permalink) for title, date and draft, and a build with a one-line layout
# for the tags. `byline-post new` makes posts Hugo lists as it should, and
# that are what `hugo new` writes from the same archetype.
#
#   /usr/bin/python3 tests/core/test-cli-hugo.py PATH/TO/byline-post [TEST…]
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess

from clitest import Skip, TempDir, Tests, fixture, read, run

tests = Tests()

TITLE = 'Library opens: "a room with a view" #1'
DATE = '2025-03-01 09:30:00'
TAGS = 'harbour-gazette, libraries, byline-test'


def hugo():
    path = shutil.which('hugo')
    if path is None:
        raise Skip('hugo is not installed (Debian package hugo)')
    return path


def make_site(tmp):
    site = tmp.join('site')
    os.makedirs(os.path.join(site, 'content', 'posts'))
    os.makedirs(os.path.join(site, 'layouts', '_default'))
    with open(os.path.join(site, 'hugo.toml'), 'w') as f:
        f.write('baseURL = "https://example.org/"\n'
                'languageCode = "en"\n'
                'title = "Byline test site"\n'
                'disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n')
    # One line per page, as JSON: what Hugo made of the front matter.
    with open(os.path.join(site, 'layouts', '_default', 'single.html'), 'w') as f:
        f.write('{{ dict "title" .Title "date" (.Date.Format "2006-01-02T15:04:05Z07:00") '
                '"draft" .Draft "tags" .Params.tags | jsonify }}\n')
    with open(os.path.join(site, 'layouts', '_default', 'list.html'), 'w') as f:
        f.write('{{ .Title }}\n')
    post = os.path.join(site, 'content', 'posts', 'library.md')
    with open(post, 'wb') as f:
        f.write(read(fixture('hugo-post.md')))
    return site, post


def hugo_run(site, *args):
    env = dict(os.environ, HOME=site, HUGO_CACHEDIR=os.path.join(site, '.cache'))
    proc = subprocess.run([hugo(), '--source', site, *args], capture_output=True, env=env)
    assert proc.returncode == 0, 'hugo %r failed: %s' % (args, proc.stderr.decode())
    return proc.stdout.decode('utf-8')


def hugo_list(site):
    rows = list(csv.DictReader(io.StringIO(hugo_run(site, 'list', 'all'))))
    assert len(rows) == 1, rows
    return rows[0]


@tests.add
def hugo_reads_the_edits():
    hugo()
    with TempDir() as tmp:
        site, post = make_site(tmp)

        row = hugo_list(site)
        assert row['title'] == 'Harbour town opens a library with a view of the sea', row
        assert row['date'] == '2025-02-13T01:55:25Z', row
        assert row['draft'] == 'false', row

        old = read(post)
        run('set', post, 'title', TITLE, status=0)
        run('set', post, 'date', DATE, status=0)
        run('set', post, 'tags', TAGS, status=0)
        run('set', post, 'draft', 'true', '--type', 'bool', status=0)
        new = read(post)

        assert old.split(b'\n---\n', 1)[1] == new.split(b'\n---\n', 1)[1], 'body changed'
        assert b'\ntitle: "Library opens: \\"a room with a view\\" #1"\n' in new, new.decode()
        assert b'\ndate: "2025-03-01 09:30:00"\n' in new, 'date keeps its quotes and format'
        assert b'\ndraft: true\n---\n' in new, new.decode()

        row = hugo_list(site)
        assert row['title'] == TITLE, row
        assert row['date'] == '2025-03-01T09:30:00Z', row
        assert row['draft'] == 'true', row

        hugo_run(site, '--buildDrafts', '--quiet', '--destination', os.path.join(site, 'public'))
        with open(os.path.join(site, 'public', 'posts', 'library', 'index.html'), encoding='utf-8') as f:
            page = json.loads(f.read())
        assert page['title'] == TITLE, page
        assert page['date'] == '2025-03-01T09:30:00Z', page
        assert page['draft'] is True, page
        assert page['tags'] == ['harbour-gazette', 'libraries', 'byline-test'], page
        for tag in ('libraries', 'byline-test'):
            assert os.path.isfile(os.path.join(site, 'public', 'tags', tag, 'index.html')), \
                'hugo made no page for tag %s' % tag


@tests.add
def hugo_reads_json_edits():
    """JSON front matter (tests/data/cli/json.md) edited by byline-post: hugo
    reads the new title, date, draft and tags."""
    hugo()
    with TempDir() as tmp:
        site, post = make_site(tmp)
        with open(post, 'wb') as f:
            f.write(read(fixture('json.md')))
        row = hugo_list(site)
        assert row['title'] == 'JSON front matter', row

        run('set', post, 'title', TITLE, status=0)
        run('set', post, 'date', '2025-03-01', status=0)
        run('set', post, 'draft', 'true', '--type', 'bool', status=0)
        run('set', post, 'tags', TAGS, status=0)
        new = read(post)
        assert new.endswith(b'}\n\nA body under JSON front matter.\n'), new.decode()
        assert b'\n  "date": "2025-03-01",\n' in new, 'the date stays a string: %s' % new.decode()

        row = hugo_list(site)
        assert row['title'] == TITLE, row
        assert row['date'] == '2025-03-01T00:00:00Z', row
        assert row['draft'] == 'true', row
        hugo_run(site, '--buildDrafts', '--quiet', '--destination', os.path.join(site, 'public'))
        with open(os.path.join(site, 'public', 'posts', 'library', 'index.html'), encoding='utf-8') as f:
            page = json.loads(f.read())
        assert page['title'] == TITLE, page
        assert page['tags'] == ['harbour-gazette', 'libraries', 'byline-test'], page


@tests.add
def hugo_reads_a_new_post():
    hugo()
    with TempDir() as tmp:
        site, _ = make_site(tmp)
        os.makedirs(os.path.join(site, 'archetypes'))
        with open(os.path.join(site, 'archetypes', 'default.md'), 'w') as f:
            f.write('---\n'
                    'title: "{{ replace .Name "-" " " | title }}"\n'
                    'date: {{ .Date }}\n'
                    'draft: true\n'
                    '---\n')
        os.remove(os.path.join(site, 'content', 'posts', 'library.md'))
        post = os.path.join(site, 'content', 'posts', 'my-first-post.md')
        run('new', post, status=0)

        row = hugo_list(site)
        assert row['path'] == os.path.join('content', 'posts', 'my-first-post.md'), row
        assert row['title'] == 'My First Post', row
        assert row['draft'] == 'true', row
        date = datetime.datetime.fromisoformat(row['date'].replace('Z', '+00:00'))
        now = datetime.datetime.now(datetime.timezone.utc)
        assert abs((now - date).total_seconds()) < 60, 'hugo reads the date as %s, now is %s' % (
            row['date'], now)


# An archetype using everything byline-post fills in. (Not `title` on words
# AP style keeps lower-case, nor .File.BaseFileName in a bundle: see
# byline-template.c.)
SUBSET_ARCHETYPE = ('---\n'
                    'title: "{{ replace .Name "-" " " | title }}"\n'
                    'date: {{ .Date }}\n'
                    'draft: true\n'
                    'section: "{{ .Section }}"\n'
                    'type: {{ .Type }}\n'
                    'base: {{ .File.ContentBaseName }}\n'
                    'human: {{ humanize .Name }}\n'
                    'shout: {{ .Name | upper }}\n'
                    '{{- /* a comment,\n   trimmed */ -}}\n'
                    '\n'
                    'quiet: {{ lower "ÄB" }} {{ `raw\\n` }} {{ "tab\\there" }}\n'
                    '---\n'
                    '\n'
                    'Body of {{ .Name }}.\n')


@tests.add
def new_posts_match_hugo_new():
    """byline-post new writes what `hugo new` writes, the time aside."""
    hugo()
    stamp = re.compile(rb'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d')
    with TempDir() as tmp:
        site, _ = make_site(tmp)
        os.makedirs(os.path.join(site, 'archetypes'))
        with open(os.path.join(site, 'archetypes', 'default.md'), 'w', encoding='utf-8') as f:
            f.write(SUBSET_ARCHETYPE)
        old_tz = os.environ.get('TZ')
        try:
            for zone in ('UTC', 'Asia/Kolkata'):
                os.environ['TZ'] = zone
                for name in ('posts/my-first-post.md', 'posts/a-bundle/index.md', 'about-us.md',
                             'notes/2025/über_café.md', 'posts/a-walk-to-the-end-of-the-pier.md'):
                    hugo_run(site, 'new', name)
                    path = os.path.join(site, 'content', name)
                    expected = read(path)
                    os.remove(path)
                    run('new', path, status=0)
                    got = read(path)
                    assert stamp.sub(b'DATE', got) == stamp.sub(b'DATE', expected), \
                        '%s (%s):\nhugo new:\n%s\nbyline-post new:\n%s' % (
                            name, zone, expected.decode(), got.decode())
                    os.remove(path)
        finally:
            if old_tz is None:
                os.environ.pop('TZ', None)
            else:
                os.environ['TZ'] = old_tz


if __name__ == '__main__':
    tests.main()
