#!/bin/busybox sh
# /init of the test guest's initramfs (built by in-namespaces.sh from busybox-static and e1000.ko).
# It loads the NIC driver and asks for a DHCP lease on each NIC: eth0 sends the host name the
# kernel command line gives (e2e.hostname=, e2e-host for the test's domain: not the domain's
# name; the intruder sends the other domain's name), the others send none, as a guest that never
# set one.
# The console (ttyS0) goes to a file the test prints when something fails.
/bin/busybox mkdir -p /bin /proc /sys /dev /tmp
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
insmod /e1000.ko
ip link set lo up
hostname=e2e-host
for word in $(cat /proc/cmdline); do
  case $word in e2e.hostname=*) hostname=${word#e2e.hostname=} ;; esac
done
nics=$(ls /sys/class/net | grep '^eth')
for nic in $nics; do ip link set "$nic" up; done
echo "e2e-guest: $(ip -o link show | grep -c ether) NICs, host name $hostname"
# -b: keep running in the background (renewals); -t/-T: a bounded number of DISCOVERs, 1 s apart.
for nic in $nics; do
  if [ "$nic" = eth0 ]; then
    udhcpc -i "$nic" -b -t 60 -T 1 -A 1 -x "hostname:$hostname" -s /udhcpc.sh
  else
    udhcpc -i "$nic" -b -t 60 -T 1 -A 1 -s /udhcpc.sh
  fi
done
while :; do sleep 3600; done
