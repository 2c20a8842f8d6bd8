"""authselect/libvirt-nss-authselect-profile, run against a recording authselect stand-in."""
import os
import subprocess

import pytest

from template_renderer import render

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
SCRIPT = os.path.join(ROOT, 'authselect', 'libvirt-nss-authselect-profile')


@pytest.fixture
def system(tmp_path):
    bin_dir = tmp_path / 'bin'
    bin_dir.mkdir()
    (bin_dir / 'authselect').symlink_to(os.path.join(HERE, 'authselect_standin.py'))
    custom = tmp_path / 'custom'
    custom.mkdir()
    log = tmp_path / 'authselect.log'
    log.touch()
    env = dict(os.environ,
               PATH='%s:%s' % (bin_dir, os.environ['PATH']),
               AUTHSELECT_LOG=str(log),
               AUTHSELECT_CUSTOM_DIR=str(custom),
               AUTHSELECT_PROFILES_DIR=os.path.join(HERE, 'fixtures', 'profiles'),
               LIBVIRT_NSS_HOSTS_AWK=os.path.join(ROOT, 'authselect', 'libvirt-hosts.awk'))

    def run(*args, current=''):
        result = subprocess.run([SCRIPT, *args], env=dict(env, AUTHSELECT_CURRENT=current),
                                text=True, capture_output=True)
        return result, log.read_text().splitlines()
    run.custom = custom
    return run


def test_derives_profile_from_current_one_and_prints_select_command(system):
    result, calls = system(current='sssd-rhel9 with-mdns4 with-sudo')
    assert result.returncode == 0, result.stderr
    assert calls == ['current --raw', 'list-features sssd-rhel9',
                     'create-profile libvirt-nss --base-on sssd-rhel9 --symlink-meta --symlink-pam --symlink-dconf']
    assert 'authselect select custom/libvirt-nss with-mdns4 with-sudo with-libvirt' in result.stdout
    template = (system.custom / 'libvirt-nss' / 'nsswitch.conf').read_text()
    hosts = [l for l in render(template, {'with-libvirt', 'with-mdns4'}).split('\n') if l.startswith('hosts:')]
    assert hosts == ['hosts:      files libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] dns myhostname']


def test_select_keeps_current_features(system):
    result, calls = system('--select', '--name', 'mine', current='sssd-rhel9 with-sudo')
    assert result.returncode == 0, result.stderr
    assert calls[-1] == 'select custom/mine with-sudo with-libvirt'


def test_profile_that_has_the_feature_is_not_copied(system):
    result, calls = system(current='local with-mdns4')
    assert result.returncode == 0
    assert calls == ['current --raw', 'list-features local']
    assert 'authselect enable-feature with-libvirt' in result.stdout
    assert list(system.custom.iterdir()) == []


def test_explicit_base_when_nothing_is_selected(system):
    result, calls = system('--base', 'minimal-files')
    assert result.returncode == 0, result.stderr
    assert calls[-1].startswith('create-profile libvirt-nss --base-on minimal-files ')
    assert 'authselect select custom/libvirt-nss with-libvirt' in result.stdout


def test_nothing_selected_and_no_base_is_a_clear_error(system):
    result, calls = system()
    assert result.returncode == 1
    assert 'no authselect profile is selected' in result.stderr
    assert calls == ['current --raw']


def test_existing_custom_profile_is_not_overwritten(system):
    (system.custom / 'libvirt-nss').mkdir()
    result, _ = system(current='sssd-rhel9')
    assert result.returncode == 1
    assert 'create-profile' in result.stderr
    assert list((system.custom / 'libvirt-nss').iterdir()) == []


@pytest.mark.parametrize('name', ['a/b', '.hidden', ''])
def test_bad_names_are_refused(system, name):
    result, calls = system('--name', name, current='sssd-rhel9')
    assert result.returncode == 1 and calls == []
