#!/usr/bin/env python3
"""A recording stand-in for the `authselect` command, for tests on machines without authselect.

Appends each command line to $AUTHSELECT_LOG and acts on profile directories the way
authselect(8) documents it, for the sub-commands the project's scripts call:
  current --raw           prints $AUTHSELECT_CURRENT; exit 2 (not configured) when it is empty
  list-features PROFILE   features found by scanning the profile's templates
  create-profile NAME --base-on PROFILE [--symlink-*]   copies PROFILE to $AUTHSELECT_CUSTOM_DIR/NAME
  select PROFILE FEATURES..., enable-feature F, disable-feature F   recorded only
Profiles are looked up in $AUTHSELECT_PROFILES_DIR (vendor/default) and $AUTHSELECT_CUSTOM_DIR.
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from template_renderer import features_of  # noqa: E402

TEMPLATES = ('nsswitch.conf', 'system-auth', 'password-auth', 'postlogin')


def profile_dir(profile):
    if profile.startswith('custom/'):
        return os.path.join(os.environ['AUTHSELECT_CUSTOM_DIR'], profile[len('custom/'):])
    return os.path.join(os.environ['AUTHSELECT_PROFILES_DIR'], profile)


def main(argv):
    with open(os.environ['AUTHSELECT_LOG'], 'a') as log:
        log.write(' '.join(argv) + '\n')
    command, args = argv[0], argv[1:]
    if command == 'current':
        current = os.environ.get('AUTHSELECT_CURRENT', '')
        if not current:
            print('No existing configuration detected.', file=sys.stderr)
            return 2
        print(current)
        return 0
    if command == 'list-features':
        path = profile_dir(args[0])
        if not os.path.isdir(path):
            return 1
        seen = []
        for name in TEMPLATES:
            file = os.path.join(path, name)
            if os.path.exists(file):
                with open(file) as f:
                    seen += [n for n in features_of(f.read()) if n not in seen]
        print('\n'.join(seen))
        return 0
    if command == 'create-profile':
        name = args[0]
        base = args[args.index('--base-on') + 1]
        source, target = profile_dir(base), os.path.join(os.environ['AUTHSELECT_CUSTOM_DIR'], name)
        if os.path.exists(target) or not os.path.isdir(source):
            return 1
        os.makedirs(target)
        for entry in os.listdir(source):
            if entry == 'README' and '--symlink-meta' in args:
                os.symlink(os.path.join(source, entry), os.path.join(target, entry))
            else:
                shutil.copy(os.path.join(source, entry), os.path.join(target, entry))
        return 0
    if command in ('select', 'enable-feature', 'disable-feature'):
        return 0
    return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
