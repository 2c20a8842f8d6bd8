#!/bin/sh
# Recording stand-in for authselect inside a test installroot (authselect cannot be installed
# on the test machine). Appends each command line to /var/log/authselect.calls; `current --raw`
# prints /etc/authselect-standin.current, or exits 2 ("not configured") when that is empty,
# as authselect does. Every other command succeeds.
echo "$*" >> /var/log/authselect.calls
case $1 in
    current)
        if [ -s /etc/authselect-standin.current ]; then
            cat /etc/authselect-standin.current
        else
            echo "No existing configuration detected." >&2
            exit 2
        fi ;;
esac
exit 0
