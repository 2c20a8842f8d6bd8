# Adds the with-libvirt feature to the hosts: line(s) of an authselect nsswitch.conf template.
#
# The token goes where authselect's own profiles (1.4.1 and later) place it: after
# `files myhostname`, before the first mdns/resolve/dns entry (or before a conditional that
# expands to one), since nothing after `mdns4_minimal [NOTFOUND=return]` or
# `resolve [!UNAVAIL=return]` is asked. Templates that already know with-libvirt are left as
# they are. Other lines pass through unchanged.
#
#   awk -f libvirt-hosts.awk nsswitch.conf > nsswitch.conf.new

BEGIN {
    token = "{if \"with-libvirt\":libvirt libvirt_guest }"
    # A plain entry, or an {if EXPR:TEXT} operator whose TEXT is one, preceded by a blank or
    # by the end of the previous operator.
    anchor = "[ \t}](\\{if [^}:]*:[^}]*(mdns|resolve|dns)[^}]*\\}|(mdns[46]?(_minimal)?|resolve|dns)([ \t[]|$))"
}

/^hosts:/ && !/with-libvirt/ {
    if (match($0, anchor)) {
        at = RSTART + 1
        $0 = substr($0, 1, at - 1) token substr($0, at)
    } else {
        # No entry to go before: append, ahead of trailing {include if}/{exclude if} operators.
        rest = ""
        if (match($0, /[ \t]*\{(include|exclude) if [^}]*\}[ \t]*$/)) {
            rest = substr($0, RSTART)
            $0 = substr($0, 1, RSTART - 1)
        }
        # The blank sits inside the operator, so the line is unchanged while the feature is off.
        sub(/[ \t]+$/, "", $0)
        $0 = $0 "{if \"with-libvirt\": libvirt libvirt_guest}" rest
    }
}

{ print }
