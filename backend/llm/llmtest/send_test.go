package llmtest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// answer is what the fake sent back to one request, read whole.
type answer struct {
	status      int
	contentType string
	body        string
}

// send makes one request to the fake as a client of its protocol would,
// with the headers given (empty values are not sent), and reads the answer.
func send(t *testing.T, method, url, body string, header map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header.Get("Content-Type"), string(raw)}
}
