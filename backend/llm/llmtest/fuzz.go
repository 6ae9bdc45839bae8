package llmtest

import (
	"bytes"
	"context"
	"io"
	"net/http"
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

// FuzzProvider fuzzes how an adapter reads a 200 answer of contentType,
// seeded with its recorded bodies (the files of testdata/ matching glob),
// each once more with the key written into it. Whatever the body, the
// stream keeps the [llm.Provider] contract (see [Collect]), ends with a
// typed error a Problem explains (never "internal"), and no text the user
// can see holds the key. Its seeds run in every plain go test.
func FuzzProvider(f *testing.F, newProvider NewProvider, contentType, glob string) {
	files, err := filepath.Glob(filepath.Join("testdata", glob))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds match testdata/%s (%v)", glob, err)
	}
	for _, name := range files {
		body := Testdata(f, filepath.Base(name))
		f.Add(body)
		f.Add(bytes.Replace(body, []byte(`"`), []byte(`"`+FuzzKey+` `), 3))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		client := &http.Client{Transport: Body{Status: http.StatusOK, ContentType: contentType, Bytes: body}}
		got := Collect(t, newProvider("http://fuzz.invalid", FuzzKey, client).Stream(context.Background(), ask("m")))
		if got.Err == nil {
			return
		}
		p := problem.From(got.Err)
		if p.Kind == problem.KindInternal || p.Title == "" {
			t.Errorf("error %v is explained as %s %q, want a typed failure", got.Err, p.Kind, p.Title)
		}
		if strings.Contains(problemText(p), FuzzKey) {
			t.Errorf("the problem holds the key: %s", problemText(p))
		}
	})
}

var _ http.RoundTripper = Body{}
