package llm

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"
)

const scrubKey = "sk-proj-Rk4Vq9Lx2Zm7Tn3Wb8Yc5Hd1"

// TestScrubLeavesOrdinaryTextAlone: texts full of what the disguises are
// made of (escapes, percent signs, entities, capitals, base64, another
// key) come out of Scrub as they went in.
func TestScrubLeavesOrdinaryTextAlone(t *testing.T) {
	for _, s := range []string{
		"The Quick Brown Fox Jumps Over The Lazy Dog, 100% of the time.",
		`{"error":{"message":"\u8bf7\u6c42\u8fc7\u4e8e\u9891\u7e41 \u0026 retry"}}`,
		"https://example.com/search?q=a%20b%2Fc&x=&#60;tag&#62; &amp; &#x41;",
		"密钥无效，请检查 API Key 是否正确",
		base64.StdEncoding.EncodeToString([]byte("an unrelated token of some length")),
		"sk-ant-api03-" + strings.Repeat("Zz9", 10) + ` \u`,
		"%", "&#", `\u00`, "&#x4",
	} {
		if got := Scrub(s, scrubKey); got != s {
			t.Errorf("Scrub(%q) = %q, want it unchanged", s, got)
		}
	}
}

// TestScrubbedStreamKeepsEveryOtherByte cuts texts at random into pieces,
// the way events arrive, and scrubs them as the driver does: a text without
// the key comes out whole and in order, whatever the cuts; one with the key
// in it comes out without it and with everything around it.
func TestScrubbedStreamKeepsEveryOtherByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{
		"Plain prose, with a Q and a k and an sk- and a proj here and there: sk-proj is short, and so is Vq9Lx2Z.",
		strings.Repeat("Rk4Vq9L ", 20) + "末尾",
		"The key is " + scrubKey + ", and again " + strings.ToUpper(scrubKey) + ".",
	}
	for _, text := range texts {
		for range 200 {
			s := newTextScrub(newSecret(scrubKey))
			var out strings.Builder
			for rest := text; rest != ""; {
				n := min(len(rest), 1+rng.IntN(6))
				out.WriteString(s.push(rest[:n]))
				rest = rest[n:]
			}
			out.WriteString(s.flush())
			got := out.String()
			if strings.Contains(text, scrubKey[9:]) {
				if !strings.HasPrefix(got, "The key is ") || !strings.HasSuffix(got, ".") || strings.Contains(strings.ToLower(got), "rk4vq9lx") {
					t.Fatalf("%q came out as %q, want the key masked and the rest kept", text, got)
				}
				continue
			}
			if got != text {
				t.Fatalf("%q came out as %q", text, got)
			}
		}
	}
}
