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
		"OpenAI keys start with sk-proj- (SK-PROJ- in capitals), Anthropic's with sk-ant-api03-.",
		"Incorrect API key provided: sk-proj-********************5Hd1.",
	} {
		if got := Scrub(s, scrubKey); got != s {
			t.Errorf("Scrub(%q) = %q, want it unchanged", s, got)
		}
	}
}

// TestScrubbedStreamKeepsEveryOtherByte cuts texts at random into pieces
// (and on purpose where neither side alone is long enough to be known),
// the way events arrive, and scrubs them as the driver does: a text without
// the key comes out whole and in order, whatever the cuts; one with the key
// in it comes out without it and with everything around it.
func TestScrubbedStreamKeepsEveryOtherByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{
		"Plain prose, with a Q and a k and an sk- and a proj here and there: sk-proj is short, and so is Vq9Lx2Z.",
		strings.Repeat("Rk4Vq9L ", 20) + "末尾",
		"The key is " + scrubKey + ", and again " + strings.ToUpper(scrubKey) + ".",
		"The key is " + scrubKey[:2] + "|" + scrubKey[2:9] + "|. The end " + scrubKey[10:] + ".",
		"Keys of this kind start with sk-proj-, then the secret part.",
	}
	for _, text := range texts {
		for range 200 {
			s := newTextScrub(newSecret(scrubKey))
			var out strings.Builder
			for _, piece := range strings.Split(text, "|") { // | marks a cut made on purpose
				for rest := piece; rest != ""; {
					n := min(len(rest), 1+rng.IntN(6))
					out.WriteString(s.push(rest[:n]))
					rest = rest[n:]
				}
			}
			out.WriteString(s.flush())
			got := out.String()
			if whole := strings.ReplaceAll(text, "|", ""); runOfKey(whole) != "" {
				if !strings.HasPrefix(got, "The key is ") || !strings.HasSuffix(got, ".") || runOfKey(got) != "" {
					t.Fatalf("%q came out as %q, want the key masked and the rest kept", text, got)
				}
				continue
			}
			if got != strings.ReplaceAll(text, "|", "") {
				t.Fatalf("%q came out as %q", text, got)
			}
		}
	}
}

// runOfKey is the first run of minSecretRun characters of scrubKey, in
// any case and not its public prefix alone, that s holds.
func runOfKey(s string) string {
	s, key, public := strings.ToLower(s), strings.ToLower(scrubKey), publicPrefix(scrubKey)
	for i := 0; i+minSecretRun <= len(key); i++ {
		if run := key[i : i+minSecretRun]; strings.Contains(s, run) && !strings.Contains(public, run) {
			return key[i : i+minSecretRun]
		}
	}
	return ""
}

// TestScrubbedStreamMasksTheKeyCutAnywhere cuts the key in three at every
// pair of places, each cut a piece of its own, and the text after it in
// another piece or the same: no run of the key ever comes out.
func TestScrubbedStreamMasksTheKeyCutAnywhere(t *testing.T) {
	for i := 1; i < len(scrubKey); i++ {
		for j := i; j < len(scrubKey); j++ {
			for _, after := range [][]string{{" end."}, {}} {
				pieces := append([]string{"Key: " + scrubKey[:i], scrubKey[i:j], scrubKey[j:]}, after...)
				if len(after) == 0 {
					pieces[2] += " end."
				}
				s := newTextScrub(newSecret(scrubKey))
				var out strings.Builder
				for _, p := range pieces {
					out.WriteString(s.push(p))
				}
				out.WriteString(s.flush())
				if got := out.String(); runOfKey(got) != "" || !strings.HasPrefix(got, "Key: ") || !strings.HasSuffix(got, " end.") {
					t.Fatalf("cut at %d and %d: %q", i, j, got)
				}
			}
		}
	}
}

// TestPublicPrefix: the words that name a key's provider and kind, not
// the key.
func TestPublicPrefix(t *testing.T) {
	for key, want := range map[string]string{
		scrubKey:                          "sk-proj-",
		"sk-ant-api03-Xy_9aB-cD":          "sk-ant-api03-",
		"sk-0123456789abcdef0123456789ab": "sk-",
		"sk-conformance-0123456789abcdef": "sk-",
		"AIzaSyD-9tSrke72PouQMnMX-a7eZSW": "",
		"abc":                             "",
	} {
		if got := publicPrefix(key); got != want {
			t.Errorf("publicPrefix(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestScrubFindsAKeyThatLooksEscaped: a key that itself holds what reads
// as an escape ("%41", "&#66;") is found as it stands, and as it reads.
func TestScrubFindsAKeyThatLooksEscaped(t *testing.T) {
	const key = "rk_%41bc&#66;de\\u0043fghij%2Fklmno"
	for _, s := range []string{"key " + key + " end", "key " + strings.ReplaceAll(key, "%41", "A") + " end"} {
		if got := Scrub(s, key); strings.Contains(got, "bc&#66;de") || strings.Contains(got, "fghij") || !strings.HasPrefix(got, "key ") || !strings.HasSuffix(got, " end") {
			t.Errorf("Scrub(%q) = %q, want the key masked", s, got)
		}
	}
}
