package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"parley/backend/chat"
	"parley/backend/core"
	"parley/backend/doctor"
	"parley/backend/keychain"
	"parley/backend/problem"
	"parley/backend/providers"
	"parley/backend/store"
)

// App is the surface the webview calls. Each method delegates to core; none
// returns a key.
type App struct {
	ctx    context.Context
	core   *core.Core
	events *events
	// profileID is the provider whose own window this is; "" in the main one.
	profileID string
	picked    pickedFiles
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.events.ctx = ctx
	a.watch()
}

func (a *App) shutdown(context.Context) { _ = a.core.Quit() }

// events sends chat events to the webview; it implements chat.Emitter. It
// is not App's own method so that it is not bound for the webview to call.
type events struct{ ctx context.Context }

func (e *events) Emit(name string, payload any) { runtime.EventsEmit(e.ctx, name, payload) }

// formatError turns every error a bound method returns into a Problem, so
// the UI always has a title, a cause and a next step to show. It is sent as
// JSON text because the Wails runtime wraps the value in a JS Error, which
// keeps only strings intact; lib/stream.ts toProblem reads it back.
func formatError(err error) any {
	b, jerr := json.Marshal(problem.From(err))
	if jerr != nil {
		return err.Error()
	}
	return string(b)
}

// Presets lists the well-known services a profile can start from.
func (a *App) Presets() []providers.Preset { return a.core.Presets() }

// Profiles lists the user's profiles, each with whether it needs a key.
func (a *App) Profiles() ([]core.ProfileView, error) { return a.core.Profiles(a.ctx) }

// SaveProfile adds or updates a profile.
func (a *App) SaveProfile(p store.Profile) (store.Profile, error) {
	return a.core.SaveProfile(a.ctx, p)
}

// DeleteProfile removes a profile, its conversations and its key.
func (a *App) DeleteProfile(id string) error { return a.core.DeleteProfile(a.ctx, id) }

// WouldForgetKey reports whether saving a profile with baseURL removes its
// key (the URL leaves the origin the key was entered for).
func (a *App) WouldForgetKey(profileID, baseURL string) bool {
	return a.core.WouldForgetKey(a.ctx, profileID, baseURL)
}

// Endpoint is the exact URL a chat request will be sent to.
func (a *App) Endpoint(kind, baseURL, model string) string {
	return a.core.Endpoint(kind, baseURL, model)
}

// Models lists the models a profile (saved or not) can use.
func (a *App) Models(p store.Profile) (core.ModelList, error) { return a.core.Models(a.ctx, p) }

// DetectOllama finds an Ollama running on this computer (OLLAMA_HOST
// honoured) and lists its models, none when nothing is pulled yet.
func (a *App) DetectOllama() (core.OllamaFound, error) { return a.core.DetectOllama(a.ctx) }

// KeyStatus says whether a key is saved for a profile, and its masked hint.
func (a *App) KeyStatus(profileID string) (keychain.Status, error) {
	return a.core.KeyStatus(a.ctx, profileID)
}

// SetKey saves a key in the OS keychain; only its status comes back, with
// advice when the key looks like another provider's.
func (a *App) SetKey(profileID, key string) (core.KeySaved, error) {
	return a.core.SaveKey(a.ctx, profileID, key)
}

// AdviseBaseURL recognises common base-URL mistakes and suggests a fix.
func (a *App) AdviseBaseURL(kind, baseURL string) []providers.Advice {
	return a.core.AdviseBaseURL(kind, baseURL)
}

// TestConnection checks a profile step by step (DNS, TCP, TLS, key, one
// completion, one stream); each step is also sent as a "doctor:step" event
// as it finishes, so the window shows progress.
func (a *App) TestConnection(profileID string) ([]doctor.Step, error) {
	return a.core.TestConnection(a.ctx, profileID, func(s doctor.Step) { a.events.Emit(core.EventDoctorStep, s) })
}

// DeleteKey removes a profile's key from the OS keychain.
func (a *App) DeleteKey(profileID string) error { return a.core.DeleteKey(profileID) }

// NewConversation starts an empty conversation.
func (a *App) NewConversation(profileID string) (core.ConversationView, error) {
	return a.core.NewConversation(a.ctx, profileID)
}

// ChatSettings returns a conversation's own model and parameters.
func (a *App) ChatSettings(conversationID string) (core.ChatSettings, error) {
	return a.core.ChatSettings(a.ctx, conversationID)
}

// SaveChatSettings stores a conversation's own model and parameters.
func (a *App) SaveChatSettings(conversationID string, s core.ChatSettings) error {
	return a.core.SaveChatSettings(a.ctx, conversationID, s)
}

// ChatContext says what the next turn of a conversation sends of it.
func (a *App) ChatContext(conversationID string) (chat.Context, error) {
	return a.core.ChatContext(a.ctx, conversationID)
}

// Draft returns the unsent text of a conversation, or by profile id of the
// conversation not started yet.
func (a *App) Draft(owner string) (string, error) { return a.core.Draft(a.ctx, owner) }

// SaveDraft stores unsent text; empty removes it.
func (a *App) SaveDraft(owner, text string) error { return a.core.SaveDraft(a.ctx, owner, text) }

// LastPlace is the provider and conversation open when Parley last ran.
func (a *App) LastPlace() (core.Place, error) { return a.core.LastPlace(a.ctx) }

// SetLastPlace records the provider and conversation open now.
func (a *App) SetLastPlace(p core.Place) error { return a.core.SetLastPlace(a.ctx, p) }

// DeleteConversation removes a conversation.
func (a *App) DeleteConversation(id string) error { return a.core.DeleteConversation(a.ctx, id) }

// Messages lists a conversation's messages; a live answer comes with the
// seq of its last delta, so the window picks the stream up.
func (a *App) Messages(conversationID string) ([]core.MessageView, error) {
	return a.core.Messages(a.ctx, conversationID)
}

// Send stores the message and starts the answer, which arrives as events.
func (a *App) Send(conversationID, text string) (core.Exchange, error) {
	return core.ExchangeOf(a.core.Send(a.ctx, conversationID, text))
}

// Retry answers the conversation's last message again, in a new message.
func (a *App) Retry(conversationID string) (core.MessageView, error) {
	return core.ViewOf(a.core.Retry(a.ctx, conversationID))
}

// Regenerate answers the same message again; the earlier answer stays as
// an alternative.
func (a *App) Regenerate(answerID string) (core.MessageView, error) {
	return core.ViewOf(a.core.Regenerate(a.ctx, answerID))
}

// Edit sends a new version of one of the user's messages, as a branch.
func (a *App) Edit(messageID, text string) (core.Exchange, error) {
	return core.ExchangeOf(a.core.Edit(a.ctx, messageID, text))
}

// ShowAlternative shows the branch through an alternative message.
func (a *App) ShowAlternative(messageID string) error {
	return a.core.ShowAlternative(a.ctx, messageID)
}

// DeleteMessage removes a message and what followed it.
func (a *App) DeleteMessage(id string) error { return a.core.DeleteMessage(a.ctx, id) }

// Continue asks the model to go on from a stopped or interrupted answer,
// appending to the same message.
func (a *App) Continue(messageID string) (core.MessageView, error) {
	return core.ViewOf(a.core.Continue(a.ctx, messageID))
}

// Cancel stops an answer and keeps what arrived, also one streaming in
// another window.
func (a *App) Cancel(messageID string) bool { return a.core.Stop(a.ctx, messageID) }

// KeepWaiting answers chat:idle: the silent answer waits once more.
func (a *App) KeepWaiting(messageID string) bool { return a.core.KeepWaiting(messageID) }

// OpenLink opens an http(s) link from a message in the system browser; any
// other scheme is ignored, since model output is untrusted.
func (a *App) OpenLink(link string) {
	if u, err := url.Parse(link); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		runtime.BrowserOpenURL(a.ctx, u.String())
	}
}

// About says which Parley this is, its licence, and where it keeps its files.
func (a *App) About() core.About { return a.core.About(version, licenceText) }

// Language returns the user's choice of UI language and the system's locale.
func (a *App) Language() (core.Languages, error) { return a.core.Language(a.ctx) }

// SetLanguage stores the user's choice of UI language ("" follows the system).
func (a *App) SetLanguage(tag string) error { return a.core.SetLanguage(a.ctx, tag) }

// ProblemWords returns the explanations of problems, advice and the
// connection test's findings in every UI language, so the window words
// each (by its wordsId and facts) in the language it shows.
func (a *App) ProblemWords() []problem.Explanation { return core.Explanations() }

// ReorderProfiles stores the order of the providers, first to last.
func (a *App) ReorderProfiles(ids []string) error { return a.core.ReorderProfiles(a.ctx, ids) }

// GetSetting returns the JSON value of one of the window's settings
// (language, appearance.theme, appearance.fontSize, chats.defaults); ""
// means never set.
func (a *App) GetSetting(key string) (string, error) { return a.core.UISetting(a.ctx, key) }

// SetSetting stores one of the window's settings as JSON; "" resets it.
func (a *App) SetSetting(key, value string) error { return a.core.SetUISetting(a.ctx, key, value) }

// Proxy returns the proxy setting of scope ("default" or a profile id);
// the password never leaves Go, only whether one is saved.
func (a *App) Proxy(scope string) (core.ProxyView, error) { return a.core.Proxy(a.ctx, scope) }

// SaveProxy stores the proxy setting of scope; the user name and password
// go to the keychain (an empty password keeps the saved one).
func (a *App) SaveProxy(scope string, s core.ProxySetting, username, password string) (core.ProxyView, error) {
	return a.core.SaveProxy(a.ctx, scope, s, username, password)
}

// TestProxy sends one request through a proxy setting not saved yet.
func (a *App) TestProxy(scope string, s core.ProxySetting, username, password string) (core.ProxyCheck, error) {
	return a.core.TestProxy(a.ctx, scope, s, username, password)
}

// ConversationSummaries lists a profile's conversations, pinned first, then
// newest, with message counts and token totals.
func (a *App) ConversationSummaries(profileID string) ([]core.ConversationView, error) {
	return a.core.ConversationSummaries(a.ctx, profileID)
}

// RenameConversation gives a conversation the title the user typed.
func (a *App) RenameConversation(id, title string) error {
	return a.core.RenameConversation(a.ctx, id, title)
}

// PinConversation pins a conversation to the top of its list, or unpins it.
func (a *App) PinConversation(id string, pinned bool) error {
	return a.core.PinConversation(a.ctx, id, pinned)
}

// Search finds messages in every conversation of every provider, best first.
func (a *App) Search(query string) ([]store.SearchHit, error) { return a.core.Search(a.ctx, query, 50) }

// MessagePage loads count messages of the branch shown from index from (a
// negative from: the last count).
func (a *App) MessagePage(conversationID string, from, count int) (core.MessagePage, error) {
	return a.core.MessagePage(a.ctx, conversationID, from, count)
}

// MessagePageAround loads about count messages with messageID in the middle.
func (a *App) MessagePageAround(messageID string, count int) (core.MessagePage, error) {
	return a.core.MessagePageAround(a.ctx, messageID, count)
}

// PickSaveFile asks where to save a file (the system dialog titled title,
// suggesting name); "" when the user cancelled.
func (a *App) PickSaveFile(title, name string) (string, error) {
	path, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: name})
	return a.picked.add(path), err
}

// PickOpenFile asks for a file to read; "" when the user cancelled.
func (a *App) PickOpenFile(title string) (string, error) {
	path, err := runtime.OpenFileDialog(a.ctx, runtime.OpenDialogOptions{Title: title})
	return a.picked.add(path), err
}

// ExportConversation writes a conversation as md or json to a picked path.
func (a *App) ExportConversation(r core.ExportRequest) error {
	if err := a.picked.check(r.Path); err != nil {
		return err
	}
	return a.core.ExportConversationFile(a.ctx, r.ConversationID, r.Format, r.Path)
}

// Backup writes everything but keys to a picked path.
func (a *App) Backup(path string) (core.Counts, error) {
	if err := a.picked.check(path); err != nil {
		return core.Counts{}, err
	}
	return a.core.BackupFile(a.ctx, path)
}

// Restore merges in, or replaces everything with, the backup at a picked path.
func (a *App) Restore(path string, replace bool) (core.Counts, error) {
	if err := a.picked.check(path); err != nil {
		return core.Counts{}, err
	}
	return a.core.RestoreFile(a.ctx, path, replace)
}

// Import reads another app's export (nextchat, chatbox, chatgpt) at a picked
// path; with MoveKeys the keys it holds go into the keychain.
func (a *App) Import(r core.ImportRequest) (core.ImportSummary, error) {
	if err := a.picked.check(r.Path); err != nil {
		return core.ImportSummary{}, err
	}
	return a.core.ImportFile(a.ctx, r.Format, r.Path, core.ImportOptions{MoveKeys: r.MoveKeys})
}

// AutoBackup writes today's automatic backup unless it exists and names its
// file; the window calls it at start and shows a failure.
func (a *App) AutoBackup() (string, error) {
	res, err := a.core.AutoBackup(a.ctx)
	return res.Path, err
}

// pickedFiles are the paths the user chose in a file dialog: the only ones
// the file actions take, so a script in the page cannot read or write
// anything else. Tests name a folder of their own in PARLEY_TEST_FILES.
type pickedFiles struct {
	mu    sync.Mutex
	paths map[string]bool
}

func (p *pickedFiles) add(path string) string {
	if path == "" {
		return ""
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.paths == nil {
		p.paths = map[string]bool{}
	}
	p.paths[path] = true
	return path
}

func (p *pickedFiles) check(path string) error {
	p.mu.Lock()
	ok := p.paths[path]
	p.mu.Unlock()
	if dir := os.Getenv("PARLEY_TEST_FILES"); dir != "" && strings.HasPrefix(filepath.Clean(path), filepath.Clean(dir)+string(filepath.Separator)) {
		ok = true
	}
	if !ok {
		return problem.New(problem.KindInvalidInput, "Choose the file first",
			"Parley reads and writes only files picked in its file dialog.", "Pick the file again.")
	}
	return nil
}
