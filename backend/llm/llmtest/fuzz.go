package llmtest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/backend/problem"
)

// FuzzKey is the key fuzzed adapters send; seeds put it in bodies, so a
// fuzzer that finds it escaping the scrubbing reports it.
const FuzzKey = "sk-fuzz-4Kq9Lm2Np7Rt5Vx8Zb3Wd6Hj"

// Body is a transport that answers every request with one status, media
// type and body, without any network: fuzzing runs at memory speed.
type Body struct {
	Status      int
	ContentType string
	Bytes       []byte
}

// RoundTrip answers req with b.
func (b Body) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_ = req.Body.Close() // the request body is not read: the answer is fixed
	}
	return &http.Response{StatusCode: b.Status, Status: http.StatusText(b.Status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {b.ContentType}}, Body: io.NopCloser(bytes.NewReader(b.Bytes)), Request: req}, nil
}

// Adapter is one wire protocol as the shared suites build it: its name
// (also its package's folder beside the suites' file), how to make it, the
// media type of its 200 answers, and which files of its testdata/ are
// recorded streams (seeds for [FuzzProviders]).
type Adapter struct {
	Name       string
	New        NewProvider
	StreamType string
	Seeds      string
}

// Testdata reads the adapter's recorded answer testdata/name.
func (a Adapter) Testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(a.Name, "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// AdapterNamed is the adapter of adapters called name.
func AdapterNamed(t testing.TB, adapters []Adapter, name string) Adapter {
	t.Helper()
	for _, a := range adapters {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no adapter %q", name)
	return Adapter{}
}

// FuzzProviders fuzzes how each adapter reads a 200 answer of its stream
// type, seeded with its recorded streams, each once more with the key
// written into it; the fuzzer also picks the adapter (its index, modulo
// their number). Whatever the body, the stream keeps the [llm.Provider]
// contract (see [Collect]), ends with a typed error a Problem explains
// (never "internal"), and no text the user can see (the answer, its
// reasoning, the problem) holds the key. Its
// seeds run in every plain go test.
func FuzzProviders(f *testing.F, adapters []Adapter) {
	for i, a := range adapters {
		files, err := filepath.Glob(filepath.Join(a.Name, "testdata", a.Seeds))
		if err != nil || len(files) == 0 {
			f.Fatalf("no seeds match %s/testdata/%s (%v)", a.Name, a.Seeds, err)
		}
		for _, name := range files {
			body := a.Testdata(f, filepath.Base(name))
			f.Add(uint8(i), body)
			f.Add(uint8(i), bytes.Replace(body, []byte(`"`), []byte(`"`+FuzzKey+` `), 3))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		a := adapters[int(which)%len(adapters)]
		client := &http.Client{Transport: Body{Status: http.StatusOK, ContentType: a.StreamType, Bytes: body}}
		got := Collect(t, a.New("http://fuzz.invalid", FuzzKey, client).Stream(context.Background(), ask("m")))
		for _, text := range []string{got.Text, got.Reasoning} {
			if k := KeyIn(text, FuzzKey[len("sk-fuzz-"):]); k != "" { // its public prefix may stand alone
				t.Errorf("%s: the answer holds %q of the key: %q", a.Name, k, text)
			}
		}
		if got.Err == nil {
			return
		}
		p := problem.From(got.Err)
		if p.Kind == problem.KindInternal || p.Title == "" {
			t.Errorf("%s: error %v is explained as %s %q, want a typed failure", a.Name, got.Err, p.Kind, p.Title)
		}
		if strings.Contains(problemText(p), FuzzKey) {
			t.Errorf("%s: the problem holds the key: %s", a.Name, problemText(p))
		}
	})
}

var _ http.RoundTripper = Body{}
