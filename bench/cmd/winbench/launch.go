package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// launch is what one start of a window measured.
type launch struct {
	pssMB float64
	// others counts the WebKit web processes outside this launch that ran
	// when its memory was read: they share its libraries' pages, and so
	// lower its PSS (another program's WebKit, a test running meanwhile).
	others int
	// paint is when the screen first changed; settled is when it last
	// changed by more than a caret's blink.
	paint, settled time.Duration
}

const (
	// paintShare of the screen changed is a first paint; a change of up to
	// blinkShare (a caret, a spinner's tick) leaves a picture settled.
	paintShare = 0.01
	blinkShare = 0.003
)

func measure(d *display, v variant, settle time.Duration) (launch, error) {
	before, err := d.grab()
	if err != nil {
		return launch{}, err
	}
	cmd := exec.Command(v.bin)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.name, "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=")
	if v.data != "" {
		cmd.Env = append(cmd.Env, "PARLEY_DATA_DIR="+v.data, "PARLEY_KEYCHAIN_SERVICE=parley-bench")
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	log, err := os.Create(filepath.Join(os.TempDir(), "winbench-last.log"))
	if err != nil {
		return launch{}, err
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return launch{}, err
	}
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		time.Sleep(300 * time.Millisecond) // the WebKit processes go too
	}()
	shots, err := d.watch(start, settle, 20*time.Millisecond)
	if err != nil {
		return launch{}, err
	}
	if os.Getenv("WINBENCH_SHOTS") != "" {
		savePNG(filepath.Join(os.Getenv("WINBENCH_SHOTS"), strings.ReplaceAll(v.name, " ", "_")+".png"), shots[len(shots)-1].f)
	}
	pss, others, err := treePSS(cmd.Process.Pid)
	if err != nil {
		return launch{}, err
	}
	l := launch{pssMB: float64(pss) / 1024, others: others, paint: -1, settled: -1}
	last := shots[len(shots)-1].f
	for _, s := range shots {
		if l.paint < 0 && differs(s.f, before) > paintShare {
			l.paint = s.at
		}
	}
	for i := len(shots) - 1; i >= 0; i-- {
		if differs(shots[i].f, last) > blinkShare {
			break
		}
		l.settled = shots[i].at
	}
	if l.paint < 0 {
		return l, fmt.Errorf("nothing was painted in %v (its output: %s)", settle, log.Name())
	}
	return l, nil
}

// treePSS is the PSS, in kB, of pid and every process under it, and how
// many WebKit web processes run outside that tree.
func treePSS(pid int) (total, others int, err error) {
	children := map[int][]int{}
	webkit := map[int]bool{}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so read after ")".
		if strings.HasPrefix(string(stat), e.Name()+" (WebKitWebProces") {
			webkit[p] = true
		}
		rest := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(rest) > 1 {
			pp, _ := strconv.Atoi(rest[1])
			children[pp] = append(children[pp], p)
		}
	}
	for queue := []int{pid}; len(queue) > 0; queue = queue[1:] {
		p := queue[0]
		delete(webkit, p)
		kb, err := pssOf(p)
		if err != nil {
			return 0, 0, err
		}
		total += kb
		if os.Getenv("WINBENCH_VERBOSE") != "" {
			comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", p))
			fmt.Fprintf(os.Stderr, "    %d %s: PSS %d kB, private %d kB, anonymous %d kB\n", p, strings.TrimSpace(string(comm)), kb,
				rollup(p, "Private_Clean")+rollup(p, "Private_Dirty"), rollup(p, "Anonymous"))
		}
		queue = append(queue, children[p]...)
	}
	return total, len(webkit), nil
}

func pssOf(pid int) (int, error) {
	return field(pid, "Pss")
}

// field reads one line, in kB, of /proc/PID/smaps_rollup.
func field(pid int, name string) (int, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), name+":"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/smaps_rollup", name, pid)
}

// rollup is field for the verbose listing, 0 when it cannot be read.
func rollup(pid int, name string) int {
	kb, _ := field(pid, name)
	return kb
}
