#!/bin/sh
# udhcpc's script in the test guest: configure the leased address and say so on the console.
case $1 in
  bound|renew) ip addr replace "$ip/${mask:-24}" dev "$interface"; echo "e2e-guest: $interface $1 $ip" ;;
  deconfig) ip addr flush dev "$interface" ;;
esac
