// The busybox init of the initramfs: load disk drivers, mount the root, apply the per-VM seed, hand over to systemd.

/** Kernel modules the initramfs loads, in dependency order (paths under /lib/modules/KV/kernel). */
export const INITRAMFS_MODULES = [
  'drivers/virtio/virtio.ko', 'drivers/virtio/virtio_ring.ko', 'drivers/virtio/virtio_pci_modern_dev.ko',
  'drivers/virtio/virtio_pci_legacy_dev.ko', 'drivers/virtio/virtio_pci.ko', 'drivers/block/virtio_blk.ko',
  'lib/crc16.ko', 'crypto/crc32c_generic.ko', 'fs/mbcache.ko', 'fs/jbd2/jbd2.ko', 'fs/ext4/ext4.ko',
];

/**
 * /init: the root disk is /dev/vda, the seed disk /dev/vdb (ext4, read-only). The seed holds
 * `manifest` (lines "MODE NAME /abs/path") and `files/NAME`; each file is installed into the root
 * before systemd starts, so hostname, .link/.network files, host keys etc. are there from its first
 * instant (no unit ordering to get right).
 */
export const INIT_SCRIPT = `#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $(cat /mods/order); do insmod /mods/$m || echo "tsible-init: insmod $m failed"; done
i=0; while [ ! -b /dev/vda ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
mount -t ext4 -o rw /dev/vda /newroot || { echo "tsible-init: cannot mount /dev/vda"; exec sh; }
i=0; while [ ! -b /dev/vdb ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i+1)); done
if mount -t ext4 -o ro /dev/vdb /seed; then
  bad=0
  while read -r mode name path; do
    mkdir -p "/newroot\${path%/*}" && cp "/seed/files/$name" "/newroot$path" &&
      chown 0:0 "/newroot$path" && chmod "$mode" "/newroot$path" || { echo "tsible-init: cannot install $path"; bad=1; }
  done < /seed/manifest
  umount /seed
  [ $bad = 0 ] && echo "tsible-init: seed applied" || echo "tsible-init: seed FAILED"
else
  echo "tsible-init: no seed disk"
fi
umount /proc /sys
mount --move /dev /newroot/dev 2>/dev/null || umount /dev
exec switch_root /newroot /sbin/init
`;
