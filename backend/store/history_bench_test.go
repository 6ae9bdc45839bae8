package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"parley/backend/store"
)

// benchVocabulary is 5,000 made-up English-like words and 2,000
// two-character Chinese words, plus the few the benchmarks search for.
var benchVocabulary = func() []string {
	r := rand.New(rand.NewPCG(3, 4))
	syll := strings.Fields("ka ri to ne su mi la po re vi an el or in us ba de fo gu hi")
	han := []rune("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切推")
	var words []string
	for range 5000 {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		words = append(words, b.String())
	}
	for range 2000 {
		words = append(words, string([]rune{han[r.IntN(len(han))], han[r.IntN(len(han))]}))
	}
	return words
}()

// benchText makes a message of about n words, drawn Zipf-like (a few words
// very often, most rarely) as in real text, with the searched words mixed in.
func benchText(r *rand.Rand, z *rand.Zipf, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch r.IntN(400) {
		case 0:
			b.WriteString("keychain")
		case 1:
			b.WriteString("密钥")
		case 2:
			b.WriteString("sqlite index")
		default:
			b.WriteString(benchVocabulary[z.Uint64()])
		}
	}
	return b.String()
}

// benchStores are built once per size and shared by every run of a
// benchmark (-count=5 builds 100,000 messages once, not five times); they
// live in benchDir, removed by TestMain.
var (
	benchMu     sync.Mutex
	benchDir    string
	benchStores = map[string]benchFixture{}
)

type benchFixture struct {
	s   *store.Store
	ids []string
}

// closeBenchStores removes the benchmark stores once every test and
// benchmark has run (TestMain, in multiprocess_test.go, calls it).
func closeBenchStores() {
	for _, f := range benchStores {
		f.s.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
}

// benchStore returns a store holding convs conversations of perConv
// messages (of ~40 words each), written in one import, and their ids.
func benchStore(b *testing.B, convs, perConv int) (*store.Store, []string) {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	key := fmt.Sprint(convs, "x", perConv)
	if f, ok := benchStores[key]; ok {
		return f.s, f.ids
	}
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "parley-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(benchDir, key+".db"))
	if err != nil {
		b.Fatal(err)
	}
	p, _ := s.SaveProfile(ctx, store.Profile{Name: "P", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
	r := rand.New(rand.NewPCG(1, 2))
	z := rand.NewZipf(r, 1.1, 2, uint64(len(benchVocabulary)-1))
	batch := make([]store.ImportedConversation, convs)
	for i := range batch {
		msgs := make([]store.Message, perConv)
		for j := range msgs {
			role := "user"
			if j%2 == 1 {
				role = "assistant"
			}
			msgs[j] = store.Message{Role: role, Content: benchText(r, z, 40), CreatedAt: int64(1 + i*perConv + j)}
		}
		batch[i] = store.ImportedConversation{Title: fmt.Sprint("conversation ", i), Messages: msgs}
	}
	if _, err := s.Import(ctx, p.ID, batch); err != nil {
		b.Fatal(err)
	}
	list, _ := s.ConversationSummaries(ctx, p.ID)
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	benchStores[key] = benchFixture{s, ids}
	return s, ids
}

// BenchmarkOpenConversation10k measures the store's query for the text of
// a page of a conversation of 10,000 messages, as core reads it after the
// outline: the last 50 (as the chat view opens it) and the 51 around a
// message far up (as a search result opens it); and, for comparison,
// loading all of it.
func BenchmarkOpenConversation10k(b *testing.B) {
	ctx := context.Background()
	s, ids := benchStore(b, 1, 10000)
	// page reads the text of the messages with seq from lo to hi.
	page := func(b *testing.B, lo, hi int) {
		if msgs, err := s.MessagesBetween(ctx, ids[0], lo, hi); err != nil || len(msgs) != hi-lo+1 {
			b.Fatal(err)
		}
	}
	b.Run("last-page", func(b *testing.B) {
		for b.Loop() {
			page(b, 9951, 10000)
		}
	})
	b.Run("around-message", func(b *testing.B) {
		for b.Loop() {
			page(b, 76, 126)
		}
	})
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			if msgs, err := s.Messages(ctx, ids[0]); err != nil || len(msgs) != 10000 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSearch100k measures a search over 100,000 messages (1,000
// conversations of 100, 4 million words): through the trigram index an
// English word in one message of ten, its prefix, a two-word phrase and a
// Chinese phrase; by scan a two-character Chinese word and a single
// character; and 鑫, found nowhere, which the scan reads every message for.
// Each returns the best 50.
func BenchmarkSearch100k(b *testing.B) {
	ctx := context.Background()
	s, _ := benchStore(b, 1000, 100)
	for _, q := range []string{"keychain", "keych", "sqlite index", "密钥", "钥", "密钥 sqlite", "鑫"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if hits, err := s.Search(ctx, q, 50); err != nil || len(hits) == 0 && q != "鑫" {
					b.Fatal(len(hits), err)
				}
			}
		})
	}
}

// BenchmarkSaveGrowingAnswer measures one periodic save of an answer that
// grows while it streams (to 20 KB and over), with its search index kept up
// to date.
func BenchmarkSaveGrowingAnswer(b *testing.B) {
	ctx := context.Background()
	s, ids := benchStore(b, 1, 1)
	m, _ := s.AddMessage(ctx, store.Message{ConversationID: ids[0], Role: "assistant", Status: store.StatusStreaming})
	text := strings.Repeat("streamed words ", 20<<10/15)
	i := 0
	for b.Loop() {
		i++
		if err := s.SaveProgress(ctx, m.ID, text+fmt.Sprint(i), ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadLongConversation measures opening a conversation of 2,000
// messages (1,000 exchanges, about 2 MB of text), as the chat view does.
func BenchmarkLoadLongConversation(b *testing.B) {
	ctx := context.Background()
	s := fresh(b)
	c := conversation(b, s, "long")
	answer := strings.Repeat("A paragraph of a long answer. ", 60)
	for i := 0; i < 1000; i++ {
		s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "user", Content: "question", Status: store.StatusDone})
		s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Content: answer, Status: store.StatusDone})
	}
	b.ReportAllocs()
	for b.Loop() {
		msgs, err := s.Messages(ctx, c.ID)
		if err != nil || len(msgs) != 2000 {
			b.Fatal(len(msgs), err)
		}
	}
}

// BenchmarkSaveProgress measures one write of a growing answer (20 KB), the
// write a streaming turn makes a few times a second.
func BenchmarkSaveProgress(b *testing.B) {
	ctx := context.Background()
	s := fresh(b)
	c := conversation(b, s, "t")
	m, _ := s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Status: store.StatusStreaming})
	text := strings.Repeat("x", 20<<10)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SaveProgress(ctx, m.ID, text, ""); err != nil {
			b.Fatal(err)
		}
	}
}
