package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// display is a virtual X display whose screen Xvfb keeps in a file
// (-fbdir), so a frame is read without asking the X server for it.
type display struct {
	name string
	fb   string
	cmd  *exec.Cmd
}

func startXvfb(work string) (*display, error) {
	dir := filepath.Join(work, "fb")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-fbdir", dir, "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start Xvfb: %w", err)
	}
	w.Close()
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		cmd.Process.Kill()
		return nil, fmt.Errorf("Xvfb gave no display number: %w", err)
	}
	return &display{name: ":" + strings.TrimSpace(line), fb: filepath.Join(dir, "Xvfb_screen0"), cmd: cmd}, nil
}

func (d *display) stop() {
	d.cmd.Process.Signal(syscall.SIGTERM)
	d.cmd.Wait()
}

// frame is the screen sampled every 4th pixel each way.
type frame []uint32

// grab reads the screen from Xvfb's XWD file.
func (d *display) grab() (frame, error) {
	raw, err := os.ReadFile(d.fb)
	if err != nil {
		return nil, err
	}
	if len(raw) < 100 {
		return nil, errors.New("short framebuffer file")
	}
	be := binary.BigEndian
	field := func(i int) int { return int(be.Uint32(raw[4*i:])) }
	header, width, height, bpp, stride, ncolors := field(0), field(4), field(5), field(11), field(12), field(19)
	if bpp != 32 {
		return nil, fmt.Errorf("framebuffer of %d bits per pixel", bpp)
	}
	pix := raw[header+12*ncolors:]
	if len(pix) < stride*height {
		return nil, errors.New("framebuffer file shorter than its screen")
	}
	f := make(frame, 0, (width/4)*(height/4))
	for y := 0; y < height; y += 4 {
		row := pix[y*stride:]
		for x := 0; x < width; x += 4 {
			f = append(f, binary.LittleEndian.Uint32(row[4*x:])&0xffffff)
		}
	}
	return f, nil
}

// differs is the share of samples in which a and b differ.
func differs(a, b frame) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 1
	}
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// watch grabs frames every interval until d has passed.
func (d *display) watch(start time.Time, dur, interval time.Duration) ([]shot, error) {
	var shots []shot
	for time.Since(start) < dur {
		f, err := d.grab()
		if err != nil {
			return nil, err
		}
		shots = append(shots, shot{at: time.Since(start), f: f})
		time.Sleep(interval)
	}
	return shots, nil
}

type shot struct {
	at time.Duration
	f  frame
}

// savePNG writes f (the screen sampled every 4th pixel) as a picture, for
// checking what a launch showed.
func savePNG(path string, f frame) error {
	const w, h = 1280 / 4, 800 / 4
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, c := range f {
		if i >= w*h {
			break
		}
		img.Set(i%w, i/w, color.RGBA{R: uint8(c >> 16), G: uint8(c >> 8), B: uint8(c), A: 255})
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	return png.Encode(out, img)
}
