#!/bin/sh
# udhcpc's script in the publisher suite's guests: the leased IPv4 address only (the static IPv6
# address stays), said on the console.
case $1 in
  bound|renew) ip addr replace "$ip/${mask:-24}" dev "$interface"; echo "pub-guest: $interface $1 $ip" ;;
  deconfig) ip -4 addr flush dev "$interface" ;;
esac
