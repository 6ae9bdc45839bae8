package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"parley/backend/llm"
)

// Highlight markers around the matched words in a [SearchHit] snippet. The
// rest of the snippet is the message's plain text, not HTML: show it as text
// and treat only these markers specially.
const (
	MarkStart = "<mark>"
	MarkEnd   = "</mark>"
)

// trigram is the shortest term the trigram index can answer.
const trigram = 3

// SearchHit is one message that matches a search.
type SearchHit struct {
	ConversationID string   `json:"conversationId"`
	MessageID      string   `json:"messageId"`
	ProfileID      string   `json:"profileId"`
	Title          string   `json:"title"`
	Role           llm.Role `json:"role"`
	Seq            int      `json:"seq"`
	// Snippet is the text around the match with the matched words between
	// [MarkStart] and [MarkEnd].
	Snippet   string `json:"snippet"`
	CreatedAt int64  `json:"createdAt"`
}

// Search finds the messages of every conversation that contain every word
// of query (case-insensitive for Latin letters), best match first, at most
// limit of them. Words of three characters or more go through the trigram
// index and are ranked by BM25; one- and two-character words (a Chinese
// word such as 密钥, a single character) are matched by a scan, and a query
// made only of those lists the newest matches first.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]SearchHit, error) {
	var long, short []string
	for _, w := range strings.Fields(query) {
		if utf8.RuneCountInString(w) >= trigram {
			long = append(long, w)
		} else {
			short = append(short, w)
		}
	}
	if len(long) == 0 && len(short) == 0 {
		return []SearchHit{}, nil
	}
	if limit <= 0 {
		limit = 50
	}
	q, args := searchQuery(long, short, limit)
	return s.searchRows(ctx, q, args, long, short)
}

// searchQuery builds the SQL for a search. Long words alone are ranked
// inside FTS5 (which then makes snippets for the page only); short words
// filter by LIKE, newest first, so a common one stops after a page.
func searchQuery(long, short []string, limit int) (string, []any) {
	const cols = `SELECT m.conversation_id, m.id, c.profile_id, c.title, m.role, m.seq, m.created_at, `
	const joins = ` JOIN messages m ON m.id = k.message_id JOIN conversations c ON c.id = m.conversation_id`
	snippet := fmt.Sprintf(`snippet(message_search, 0, '%s', '%s', '…', 48)`, MarkStart, MarkEnd)
	var likes strings.Builder
	var args []any
	for _, w := range short {
		likes.WriteString(` AND m.content LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(w)+"%")
	}
	switch {
	case len(long) > 0 && len(short) == 0:
		return cols + `f.snip, '' FROM (SELECT rowid AS n, rank, ` + snippet + ` AS snip FROM message_search
			WHERE message_search MATCH ? ORDER BY rank LIMIT ?) f
			JOIN message_search_keys k ON k.n = f.n` + joins + ` ORDER BY f.rank`, []any{matchExpr(long), limit}
	case len(long) > 0:
		return cols + snippet + `, '' FROM message_search JOIN message_search_keys k ON k.n = message_search.rowid` + joins +
				` WHERE message_search MATCH ?` + likes.String() + ` ORDER BY message_search.rank LIMIT ?`,
			append(append([]any{matchExpr(long)}, args...), limit)
	}
	return cols + `'', m.content FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE 1` + likes.String() +
		` ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?`, append(args, limit)
}

func (s *Store) searchRows(ctx context.Context, q string, args []any, long, short []string) ([]SearchHit, error) {
	return queryAll(ctx, s, "search", func(r row) (SearchHit, error) {
		var h SearchHit
		var content string
		err := r.Scan(&h.ConversationID, &h.MessageID, &h.ProfileID, &h.Title, &h.Role, &h.Seq, &h.CreatedAt, &h.Snippet, &content)
		if err == nil && len(long) == 0 {
			h.Snippet = snippetAround(content, short)
		}
		return h, err
	}, q, args...)
}

// matchExpr makes each word an FTS5 phrase (quotes doubled), so that
// punctuation and operators in what the user typed are searched literally.
func matchExpr(words []string) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(parts, " ")
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// snippetRadius is how many characters a scan's snippet shows on each side
// of the first match.
const snippetRadius = 40

// snippetAround cuts content around the first match of any of words and
// marks every match inside the cut, as FTS5's snippet() does.
func snippetAround(content string, words []string) string {
	r := []rune(content)
	lower := []rune(strings.ToLower(content))
	if len(lower) != len(r) {
		lower = r // a case mapping that changed the length: match exactly
	}
	first := -1
	for _, w := range words {
		if i := runeIndex(lower, []rune(strings.ToLower(w))); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		first = 0
	}
	from, to := max(0, first-snippetRadius), min(len(r), first+snippetRadius)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	for i := from; i < to; {
		n := matchAt(lower, i, words)
		if n == 0 {
			b.WriteRune(r[i])
			i++
			continue
		}
		b.WriteString(MarkStart + string(r[i:min(i+n, len(r))]) + MarkEnd)
		i += n
	}
	if to < len(r) {
		b.WriteString("…")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// matchAt returns the length of the longest of words found at position i.
func matchAt(lower []rune, i int, words []string) int {
	best := 0
	for _, w := range words {
		wr := []rune(strings.ToLower(w))
		if len(wr) > best && i+len(wr) <= len(lower) && string(lower[i:i+len(wr)]) == string(wr) {
			best = len(wr)
		}
	}
	return best
}

// runeIndex is the rune position of the first sub in s, or -1.
func runeIndex(s, sub []rune) int {
	str := string(s)
	i := strings.Index(str, string(sub))
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(str[:i])
}
