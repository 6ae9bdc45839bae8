//go:build windows

package store

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// lockFile creates the file at path and keeps it open without sharing:
// while this process lives, nobody else can open it.
func lockFile(path string) (io.Closer, error) {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE, 0, nil,
		syscall.CREATE_NEW, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(h), path), nil
}

// probe reports whether another process holds the file at path open. A file
// nobody holds is removed. When the answer is unclear the owner is taken to
// be alive: leaving an answer marked streaming is better than relabelling a
// live one.
func probe(path string) bool {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return true
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, 0, nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if errors.Is(err, syscall.ERROR_FILE_NOT_FOUND) {
		return false
	}
	if err != nil {
		return true
	}
	syscall.CloseHandle(h)
	os.Remove(path)
	return false
}
