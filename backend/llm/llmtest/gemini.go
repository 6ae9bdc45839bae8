package llmtest

import "net/http"

// Placeholder until the Gemini protocol is spoken here.

func (s *Server) geminiGenerate(w http.ResponseWriter, r *http.Request) { notYet(w) }
func (s *Server) geminiModels(w http.ResponseWriter, r *http.Request)   { notYet(w) }
