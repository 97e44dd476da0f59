#ifndef SWIFTDUMP_CLINUXPACKET_H
#define SWIFTDUMP_CLINUXPACKET_H

// The Linux packet-socket structures and constants Swift's Glibc module lacks.
// Only <linux/if_packet.h> defines them: do not also include <netpacket/packet.h>,
// which redefines the same structures.
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/filter.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <ifaddrs.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <stdint.h>

/// TPACKET_ALIGN is a macro Swift cannot import.
static inline unsigned int swiftdump_tpacket_align(unsigned int x) {
    return TPACKET_ALIGN(x);
}

/// A block's status word, read with acquire ordering: the packets the kernel wrote before
/// handing the block over must be visible once the status says TP_STATUS_USER.
static inline uint32_t swiftdump_load_acquire(const volatile uint32_t *status) {
    return __atomic_load_n(status, __ATOMIC_ACQUIRE);
}

/// A block's status word, written with release ordering: our reads of the block must be
/// finished before the kernel may refill it.
static inline void swiftdump_store_release(volatile uint32_t *status, uint32_t value) {
    __atomic_store_n(status, value, __ATOMIC_RELEASE);
}

/// ioctl is variadic in C; this fixes its third argument to a pointer.
static inline int swiftdump_ioctl_pointer(int fd, unsigned long request, void *argument) {
    return ioctl(fd, request, argument);
}

#endif
