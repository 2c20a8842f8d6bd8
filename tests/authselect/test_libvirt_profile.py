"""authselect/libvirt-hosts.awk: where `with-libvirt` lands on the hosts: line, rendered with
and without the feature, against the exact lines authselect's own profiles produce."""
import os
import subprocess

import pytest

from template_renderer import features_of, render

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
HOSTS_AWK = os.path.join(ROOT, 'authselect', 'libvirt-hosts.awk')
PROFILES = os.path.join(HERE, 'fixtures', 'profiles')
LIBVIRT_TOKEN = '{if "with-libvirt":libvirt libvirt_guest }'


def add_libvirt(template):
    return subprocess.run(['awk', '-f', HOSTS_AWK], input=template, text=True,
                          capture_output=True, check=True).stdout


def fixture(profile):
    with open(os.path.join(PROFILES, profile, 'nsswitch.conf')) as f:
        return f.read()


def hosts_lines(rendered):
    return [line for line in rendered.split('\n') if line.startswith('hosts:')]


LOCAL = fixture('local')
LOCAL_WITHOUT_FEATURE = LOCAL.replace(LIBVIRT_TOKEN, '')


def test_fixture_is_authselects_own_placement():
    assert LIBVIRT_TOKEN in LOCAL and LIBVIRT_TOKEN not in LOCAL_WITHOUT_FEATURE


def test_token_lands_exactly_where_authselect_places_it():
    assert add_libvirt(LOCAL_WITHOUT_FEATURE) == LOCAL


def test_template_that_knows_the_feature_is_left_alone():
    assert add_libvirt(LOCAL) == LOCAL


def test_adding_twice_changes_nothing_more():
    once = add_libvirt(fixture('sssd-rhel9'))
    assert add_libvirt(once) == once


def test_only_hosts_lines_change():
    before = fixture('sssd-rhel9').split('\n')
    after = add_libvirt(fixture('sssd-rhel9')).split('\n')
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    assert len(before) == len(after) and len(changed) == 1 and changed[0][0].startswith('hosts:')


@pytest.mark.parametrize('features,expected', [
    (set(), 'hosts:      files myhostname resolve [!UNAVAIL=return] dns'),
    ({'with-libvirt'}, 'hosts:      files myhostname libvirt libvirt_guest resolve [!UNAVAIL=return] dns'),
    ({'with-libvirt', 'with-mdns4'},
     'hosts:      files myhostname libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns'),
    ({'with-libvirt', 'with-mdns4', 'with-mdns6'},
     'hosts:      files myhostname libvirt libvirt_guest mdns_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns'),
    ({'with-mdns6'}, 'hosts:      files myhostname mdns6_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns'),
])
def test_local_profile_rendered(features, expected):
    assert hosts_lines(render(add_libvirt(LOCAL_WITHOUT_FEATURE), features)) == [expected]


@pytest.mark.parametrize('features,expected', [
    (set(), 'hosts:      files dns myhostname'),
    ({'with-libvirt'}, 'hosts:      files libvirt libvirt_guest dns myhostname'),
    ({'with-libvirt', 'with-mdns4'},
     'hosts:      files libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] dns myhostname'),
    ({'with-mdns4', 'with-mdns6'}, 'hosts:      files mdns_minimal [NOTFOUND=return] dns myhostname'),
])
def test_rhel9_sssd_profile_rendered(features, expected):
    assert hosts_lines(render(add_libvirt(fixture('sssd-rhel9')), features)) == [expected]


@pytest.mark.parametrize('features,expected', [
    (set(), ['hosts:      files dns']),
    ({'with-libvirt'}, ['hosts:      files libvirt libvirt_guest dns']),
    ({'with-files-hosts'}, ['hosts:      files']),
    ({'with-files-hosts', 'with-libvirt'}, ['hosts:      files libvirt libvirt_guest']),
])
def test_custom_profile_without_dns_entry_rendered(features, expected):
    assert hosts_lines(render(add_libvirt(fixture('minimal-files')), features)) == expected


@pytest.mark.parametrize('profile', ['sssd-rhel9', 'minimal-files'])
def test_feature_becomes_discoverable(profile):
    assert 'with-libvirt' not in features_of(fixture(profile))
    assert 'with-libvirt' in features_of(add_libvirt(fixture(profile)))


@pytest.mark.parametrize('line,expected_on', [
    ('hosts: files dns', 'hosts: files libvirt libvirt_guest dns'),
    ('hosts: files myhostname mdns4_minimal [NOTFOUND=return] dns mdns4',
     'hosts: files myhostname libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] dns mdns4'),
    ('hosts: files resolve [!UNAVAIL=return] myhostname dns',
     'hosts: files libvirt libvirt_guest resolve [!UNAVAIL=return] myhostname dns'),
    ('hosts:\tfiles\tdns', 'hosts:\tfiles\tlibvirt libvirt_guest dns'),
    ('hosts: files {if "with-x":sss }dns', 'hosts: files libvirt libvirt_guest dns'),
])
def test_plain_lines(line, expected_on):
    template = add_libvirt(line + '\n')
    assert render(template, {'with-libvirt'}).rstrip('\n') == expected_on.replace('{if "with-x":sss }', '')
    assert render(template, set()).rstrip('\n') == render(line, set())
