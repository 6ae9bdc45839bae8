package llmtest

import "net/http"

// Placeholder until the DashScope native protocol is spoken here.

func (s *Server) dashscopeGenerate(w http.ResponseWriter, r *http.Request) { notYet(w) }
