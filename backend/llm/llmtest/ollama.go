package llmtest

import "net/http"

// Placeholder until the Ollama protocol is spoken here.

func (s *Server) ollamaChat(w http.ResponseWriter, r *http.Request) { notYet(w) }
func (s *Server) ollamaTags(w http.ResponseWriter, r *http.Request) { notYet(w) }
