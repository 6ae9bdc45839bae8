package llmtest

import "net/http"

// Placeholder until the Anthropic protocol is spoken here.

func (s *Server) anthropicMessages(w http.ResponseWriter, r *http.Request) { notYet(w) }
func (s *Server) anthropicModels(w http.ResponseWriter, r *http.Request)   { notYet(w) }
