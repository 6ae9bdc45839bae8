//go:build unix

package store

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// lockFile creates the file at path holding an exclusive flock. It is
// locked under a temporary name and then renamed, so a probe never finds
// the file unlocked while it is being claimed.
func lockFile(path string) (io.Closer, error) {
	tmp := path + ".new"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	return f, nil
}

// probe reports whether another process holds the lock at path. A lock
// nobody holds is removed. When the answer is unclear (the file cannot be
// opened), the owner is taken to be alive: leaving an answer marked
// streaming is better than relabelling a live one.
func probe(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return false
	}
	if err != nil {
		return true
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true // held: EWOULDBLOCK
	}
	os.Remove(path)
	return false
}
