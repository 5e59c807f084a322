//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package rules

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user plus system) the process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
