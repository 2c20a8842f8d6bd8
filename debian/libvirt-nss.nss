# Add libvirt and libvirt_guest to the hosts: line before the first mdns, resolve or dns
# entry (nothing after `mdns4_minimal [NOTFOUND=return]` or `resolve [!UNAVAIL=return]` is
# asked), at the end when there is none of them; remove both on remove and purge.
# A position with several anchors inserts before whichever comes first on the line.
hosts before=mdns4_minimal,mdns6_minimal,mdns_minimal,mdns4,mdns6,mdns,resolve,dns libvirt
hosts last libvirt skip-if-present=libvirt
hosts after=libvirt libvirt_guest
