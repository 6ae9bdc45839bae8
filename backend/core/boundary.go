package core

import (
	"parley/backend/chat"
	"parley/backend/doctor"
	"parley/backend/importer"
	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/providers"
	"parley/backend/store"
)

// What crosses to the window besides the bound methods' arguments and
// results, for which Wails generates TypeScript itself: the enums, bound
// with Wails' EnumBind, and the events, which Wails does not type at all.
// `make bindings` generates both (wailsjs/go/models.ts and, by cmd/tsgen,
// frontend/src/lib/events.gen.ts), and `make lint` fails when either is
// out of date, so a Go change the TypeScript does not follow breaks its
// build.

// EventDoctorStep carries each [doctor.Step] of a connection check as it
// finishes, so the window shows progress.
const EventDoctorStep = "doctor:step"

// Event is one event the window receives: its name and a value of its
// payload's type.
type Event struct {
	Name    string
	Payload any
}

// Events lists every event Go sends the window, with its payload. Each
// payload is a named type; an emit site sends no other.
var Events = []Event{
	{chat.EventDelta, chat.Delta{}},
	{chat.EventDone, chat.Done{}},
	{chat.EventError, chat.Failed{}},
	{chat.EventRetry, chat.Retrying{}},
	{chat.EventIdle, chat.Idle{}},
	{chat.EventDataChanged, store.Changes{}},
	{EventDoctorStep, doctor.Step{}},
}

// Enums lists every Go enum the window sees, each as the list of all its
// values whose type has a TSName method naming the member; main.go binds
// them with Wails' EnumBind.
var Enums = []any{
	problem.Kinds,
	KeyNeeds,
	store.Statuses,
	llm.Roles,
	providers.Severities,
	providers.ProxyModes,
	doctor.Statuses,
	importer.Formats,
	ExportFormats,
}

// EventEnums lists the enums only events carry, which cmd/tsgen writes
// beside the events. They are not bound with EnumBind because Wails writes
// the enums of a package none of whose structs it generates in a random
// order (llm's, here), and the generated files must repeat byte for byte.
var EventEnums = []any{
	llm.Phases,
}
