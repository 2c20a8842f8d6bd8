#!/bin/busybox sh
# /init of the test guest's initramfs (built by in-namespaces.sh from busybox-static and e1000.ko).
# It loads the NIC driver and asks for a DHCP lease on both NICs: eth0 sends the host name
# e2e-host (not the domain's name), eth1 sends none, as a guest that never set one.
# The console (ttyS0) goes to a file the test prints when something fails.
/bin/busybox mkdir -p /bin /proc /sys /dev /tmp
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
insmod /e1000.ko
ip link set lo up
for nic in eth0 eth1; do ip link set "$nic" up; done
echo "e2e-guest: $(ip -o link show | grep -c ether) NICs"
# -b: keep running in the background (renewals); -t/-T: a bounded number of DISCOVERs, 1 s apart.
udhcpc -i eth0 -b -t 60 -T 1 -A 1 -x hostname:e2e-host -s /udhcpc.sh
udhcpc -i eth1 -b -t 60 -T 1 -A 1 -s /udhcpc.sh
while :; do sleep 3600; done
