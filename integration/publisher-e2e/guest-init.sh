#!/bin/busybox sh
# /init of the publisher suite's guests (the initramfs in-namespaces.sh builds: busybox-static,
# e1000 and the virtio modules, qemu-ga and its libraries). The kernel command line says what
# this guest does, so that one initramfs serves every domain:
#   pub.agent=1         load the virtio modules and run qemu-ga on the org.qemu.guest_agent.0 port
#   pub.dhcp=1          ask for a DHCP lease on eth0 (udhcpc)
#   pub.ip4=A/N         a static IPv4 address on eth0
#   pub.ip6=A/N         a static (global) IPv6 address on eth0
#   pub.extra=A,B       addresses (/32) a hostile guest adds to eth0 after its lease
#   pub.ping=H,H6       hosts to ping every second (the host learns the guest's MAC)
# The console (ttyS0) goes to a file the test prints when something fails.
/bin/busybox mkdir -p /bin /proc /sys /dev /tmp /run /var/run
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
insmod /modules/e1000.ko
agent=0 dhcp=0 ip4="" ip6="" extra="" ping=""
for word in $(cat /proc/cmdline); do
  case $word in
    pub.agent=*) agent=${word#*=} ;;
    pub.dhcp=*) dhcp=${word#*=} ;;
    pub.ip4=*) ip4=${word#*=} ;;
    pub.ip6=*) ip6=${word#*=} ;;
    pub.extra=*) extra=${word#*=} ;;
    pub.ping=*) ping=${word#*=} ;;
  esac
done
ip link set lo up
ip link set eth0 up
if [ "$agent" = 1 ]; then
  for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_console; do
    insmod "/modules/$m.ko"
  done
  port=""
  for _ in $(seq 100); do
    for p in /sys/class/virtio-ports/*; do
      [ "$(cat "$p/name" 2>/dev/null)" = org.qemu.guest_agent.0 ] && port=${p##*/}
    done
    [ -n "$port" ] && [ -e "/dev/$port" ] && break
    sleep 0.1
  done
  if [ -n "$port" ]; then
    qemu-ga -m virtio-serial -p "/dev/$port" -t /tmp -f /tmp/qemu-ga.pid &
    echo "pub-guest: qemu-ga on /dev/$port"
  else
    echo "pub-guest: no org.qemu.guest_agent.0 port"
  fi
fi
[ -z "$ip4" ] || ip addr add "$ip4" dev eth0
[ -z "$ip6" ] || ip -6 addr add "$ip6" dev eth0
# udhcpc returns once it holds a lease (-t/-T: a bounded number of DISCOVERs, 1 s apart) and
# stays in the background.
[ "$dhcp" = 1 ] && udhcpc -i eth0 -b -t 60 -T 1 -A 1 -s /udhcpc.sh
for a in $(echo "$extra" | tr , ' '); do
  ip addr add "$a/32" dev eth0 && echo "pub-guest: added $a"
done
for host in $(echo "$ping" | tr , ' '); do
  ping -i 1 "$host" > /dev/null 2>&1 &
done
echo "pub-guest: up: $(ip -o addr show dev eth0 | awk '{print $4}' | tr '\n' ' ')"
while :; do sleep 3600; done
